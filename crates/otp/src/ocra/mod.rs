//! OCRA, the OATH challenge-response algorithm (RFC 6287): suites, and
//! responses to a challenge question with the optional counter, PIN hash,
//! session information and time step.
//!
//! Contract: pure (the time is an input), no panics on any input, every
//! malformed suite or input a typed error naming the part. The key and
//! the PIN (and its hash) are never in `Debug` output; intermediate
//! buffers that hold them are zeroized.

mod response;
mod suite;

pub use response::{Inputs, OcraError, PinInput};
pub use suite::{MAX_SUITE_LEN, QuestionFormat, Suite, SuiteError, SuiteText, TimeStep};

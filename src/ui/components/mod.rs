//! Pieces shared by several screens.
pub mod camera_scanner;
mod card_moves;
pub mod clock_notice;
pub mod code_card;
pub mod code_context;
pub mod code_format;
pub mod code_list;
pub mod digit_field;
pub mod icon_avatar;
pub mod list_tools;
pub mod qr_code;
pub mod qr_sources;
pub mod secret_input;
pub mod top_bar;
pub mod transfer;
pub mod update_prompt;

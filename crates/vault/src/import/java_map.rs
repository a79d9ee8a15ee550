//! Reads a Java-serialized `java.util.HashMap<String, String>`, the file
//! FreeOTP v2's backup is (Java Object Serialization Stream Protocol,
//! version 5): the class descriptor, its fields' values, then a block of
//! capacity and size, then the entries as strings (`TC_STRING`,
//! `TC_LONGSTRING`) or references to earlier strings (`TC_REFERENCE`).
//! Anything else is refused: this is not a general deserializer, and
//! nothing in the file is ever run.

use std::collections::BTreeMap;

pub(super) const MAGIC: &[u8] = b"\xac\xed\x00\x05";
const TC_NULL: u8 = 0x70;
const TC_REFERENCE: u8 = 0x71;
const TC_CLASSDESC: u8 = 0x72;
const TC_OBJECT: u8 = 0x73;
const TC_STRING: u8 = 0x74;
const TC_BLOCKDATA: u8 = 0x77;
const TC_ENDBLOCKDATA: u8 = 0x78;
const TC_LONGSTRING: u8 = 0x7c;
const BASE_HANDLE: u32 = 0x7e_0000;
/// More entries than a backup of thousands of tokens has (two per token).
const MAX_ENTRIES: u32 = 100_000;

struct Reader<'a> {
    bytes: &'a [u8],
    /// Every handle the stream assigned, with the string it names (if any).
    handles: Vec<Option<String>>,
}

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(count)?;
        self.bytes = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn u16(&mut self) -> Option<u16> {
        self.take(2)?.try_into().ok().map(u16::from_be_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_be_bytes)
    }

    fn utf(&mut self, length: usize) -> Option<String> {
        modified_utf8(self.take(length)?)
    }

    /// A string, new or referenced.
    fn string(&mut self) -> Option<String> {
        let text = match self.byte()? {
            TC_STRING => {
                let length = self.u16()?;
                self.utf(usize::from(length))?
            }
            TC_LONGSTRING => {
                let length = u64::from_be_bytes(self.take(8)?.try_into().ok()?);
                self.utf(usize::try_from(length).ok()?)?
            }
            TC_REFERENCE => {
                let handle = self.u32()?.checked_sub(BASE_HANDLE)?;
                return self.handles.get(usize::try_from(handle).ok()?)?.clone();
            }
            _ => return None,
        };
        self.handles.push(Some(text.clone()));
        Some(text)
    }

    /// `HashMap`'s class descriptor: its name, serial number, flags and
    /// primitive fields (`loadFactor`, and `threshold` in older JDKs).
    fn class_descriptor(&mut self) -> Option<usize> {
        if self.byte()? != TC_CLASSDESC {
            return None;
        }
        let name_length = self.u16()?;
        if self.utf(usize::from(name_length))? != "java.util.HashMap" {
            return None;
        }
        self.take(8 + 1)?; // serialVersionUID, flags
        self.handles.push(None);
        let fields = self.u16()?;
        let mut value_bytes = 0;
        for _ in 0..fields {
            let size = match self.byte()? {
                b'F' | b'I' => 4,
                _ => return None,
            };
            let name_length = self.u16()?;
            self.take(usize::from(name_length))?;
            value_bytes += size;
        }
        (self.byte()? == TC_ENDBLOCKDATA && self.byte()? == TC_NULL).then_some(value_bytes)
    }
}

/// Java's "modified UTF-8": UTF-8, except that NUL is two bytes and
/// characters beyond the BMP are surrogate pairs of three bytes each.
fn modified_utf8(bytes: &[u8]) -> Option<String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_owned());
    }
    let mut units = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some((&first, tail)) = rest.split_first() {
        let (unit, used) = match first {
            0x00..=0x7f => (u16::from(first), 0),
            0xc0..=0xdf => (
                u16::from(first & 0x1f) << 6 | u16::from(*tail.first()? & 0x3f),
                1,
            ),
            0xe0..=0xef => (
                u16::from(first & 0x0f) << 12
                    | u16::from(*tail.first()? & 0x3f) << 6
                    | u16::from(*tail.get(1)? & 0x3f),
                2,
            ),
            _ => return None,
        };
        units.push(unit);
        rest = tail.get(used..)?;
    }
    String::from_utf16(&units).ok()
}

/// The map's entries, or `None` when the stream is anything else.
pub(super) fn parse(bytes: &[u8]) -> Option<BTreeMap<String, String>> {
    let mut reader = Reader {
        bytes: bytes.strip_prefix(MAGIC)?,
        handles: Vec::new(),
    };
    if reader.byte()? != TC_OBJECT {
        return None;
    }
    let field_bytes = reader.class_descriptor()?;
    reader.handles.push(None); // the map itself
    reader.take(field_bytes)?;
    if reader.byte()? != TC_BLOCKDATA || reader.byte()? < 8 {
        return None;
    }
    let _capacity = reader.u32()?;
    let size = reader.u32()?;
    if size > MAX_ENTRIES {
        return None;
    }
    let mut map = BTreeMap::new();
    for _ in 0..size {
        let key = reader.string()?;
        let value = reader.string()?;
        map.insert(key, value);
    }
    Some(map)
}

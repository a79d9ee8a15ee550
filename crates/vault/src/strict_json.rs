//! JSON without repeated keys. serde keeps the last of a repeated key when
//! it reads a map, but refuses it in a struct: the same record could then
//! read one way now (a slot it cannot parse, kept as unknown) and another
//! after a rewrite (the repeats collapsed into a slot it can). This app
//! never writes a repeated key, so a record that has one is damaged.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;

/// Any JSON value, read only to check that no object repeats a key.
struct Unique;

impl<'de> Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("JSON whose objects repeat no key")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key) {
                return Err(de::Error::custom("a repeated key"));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}

/// True when `json` is JSON and none of its objects repeats a key.
pub(crate) fn has_unique_keys(json: &str) -> bool {
    serde_json::from_str::<Unique>(json).is_ok()
}

#[cfg(test)]
mod tests {
    use super::has_unique_keys;

    #[test]
    fn a_key_repeated_at_any_depth_is_found() {
        assert!(has_unique_keys(
            r#"{"a":1,"b":[{"a":2},{"a":3}],"c":{"d":null}}"#
        ));
        assert!(!has_unique_keys(r#"{"a":1,"a":1}"#));
        assert!(!has_unique_keys(
            r#"{"slots":[{"type":"pin","kdf":{},"kdf":{}}]}"#
        ));
        assert!(!has_unique_keys("not json"));
    }
}

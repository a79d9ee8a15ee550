//! How a code is written on screen and read aloud.

/// How a card names its identity: "Issuer (name)", or the name alone.
pub fn display_name(identity: &vault::Identity) -> String {
    match &identity.issuer {
        Some(issuer) if !issuer.is_empty() => format!("{issuer} ({})", identity.name),
        _ => identity.name.clone(),
    }
}

/// 6 → "123 456", 8 → "1234 5678", 7 → "123 4567"; Steam's 5 stay whole.
pub fn group_code(code: &str) -> String {
    if code.len() < 6 {
        return code.to_owned();
    }
    let (head, tail) = code.split_at(code.len() / 2);
    format!("{head} {tail}")
}

/// "1 2 3 4 5 6": read one digit at a time.
pub fn spoken(code: &str) -> String {
    let mut spoken = String::with_capacity(code.len() * 2);
    for (i, digit) in code.chars().enumerate() {
        if i > 0 {
            spoken.push(' ');
        }
        spoken.push(digit);
    }
    spoken
}

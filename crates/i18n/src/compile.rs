//! Fluent files to catalogs, at build time (feature `compile`): parsed by
//! Project Fluent's own parser, checked, and flattened.
//!
//! What a file may hold, all of it Fluent: messages (a value, and
//! attributes, each its own message `id.attribute`), terms (`-brand`, put
//! in where used), message references, variables, string and number
//! literals, and select expressions on a variable. Functions and term
//! arguments are refused: the formatter does not run them. A translation
//! must have exactly English's messages, each using exactly English's
//! variables.

use crate::{Catalog, Part};
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement, VariantKey};
use fluent_syntax::parser;
use std::collections::{BTreeSet, HashMap};

/// One Fluent file, flattened: message ids in the file's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub ids: Vec<String>,
    pub messages: Vec<Vec<Part>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    #[error("line {line}: {what}")]
    Syntax { line: usize, what: String },
    #[error("{id}: {what}")]
    Unsupported { id: String, what: String },
    #[error("{id} is defined twice")]
    Duplicate { id: String },
    #[error("{id} refers to {reference}, which does not exist or refers back to itself")]
    Reference { id: String, reference: String },
}

/// What a translation lacks or has too much of, against English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Mismatch {
    #[error("{0} is missing")]
    Missing(String),
    #[error("{0} is not in English")]
    Extra(String),
    #[error("{id} uses {found:?} where English uses {english:?}")]
    Variables {
        id: String,
        english: BTreeSet<String>,
        found: BTreeSet<String>,
    },
}

/// Parses and flattens one Fluent file.
///
/// # Errors
/// The first problem found: a syntax error (with its line), an unsupported
/// construct, a duplicate, or a reference to nothing.
pub fn compile(source: &str) -> Result<Compiled, CompileError> {
    let resource = parser::parse(source).map_err(|(_, errors)| {
        let first = errors.first();
        let offset = first.map_or(0, |e| e.pos.start);
        CompileError::Syntax {
            line: source[..offset.min(source.len())].lines().count().max(1),
            what: first.map_or_else(String::new, |e| format!("{:?}", e.kind)),
        }
    })?;
    let mut terms = HashMap::new();
    let mut patterns: Vec<(String, &ast::Pattern<&str>)> = Vec::new();
    for entry in &resource.body {
        match entry {
            Entry::Term(term) => {
                terms.insert(term.id.name, &term.value);
            }
            Entry::Message(message) => {
                if let Some(value) = &message.value {
                    patterns.push((message.id.name.to_owned(), value));
                }
                for attribute in &message.attributes {
                    patterns.push((
                        format!("{}.{}", message.id.name, attribute.id.name),
                        &attribute.value,
                    ));
                }
            }
            _ => {}
        }
    }
    let by_id: HashMap<&str, &ast::Pattern<&str>> =
        patterns.iter().map(|(id, p)| (id.as_str(), *p)).collect();
    if by_id.len() != patterns.len() {
        let mut seen = BTreeSet::new();
        let twice = patterns.iter().find(|(id, _)| !seen.insert(id.as_str()));
        return Err(CompileError::Duplicate {
            id: twice.map_or_else(String::new, |(id, _)| id.clone()),
        });
    }
    let context = Context {
        terms,
        messages: by_id,
    };
    let mut compiled = Compiled {
        ids: Vec::new(),
        messages: Vec::new(),
    };
    for (id, pattern) in &patterns {
        let parts = context.pattern(id, pattern, 0)?;
        compiled.ids.push(id.clone());
        compiled.messages.push(merge_text(parts));
    }
    Ok(compiled)
}

struct Context<'a> {
    terms: HashMap<&'a str, &'a ast::Pattern<&'a str>>,
    messages: HashMap<&'a str, &'a ast::Pattern<&'a str>>,
}

/// References deeper than this are a cycle.
const MAX_DEPTH: usize = 8;

impl Context<'_> {
    fn pattern(
        &self,
        id: &str,
        pattern: &ast::Pattern<&str>,
        depth: usize,
    ) -> Result<Vec<Part>, CompileError> {
        let mut parts = Vec::new();
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => {
                    parts.push(Part::Text((*value).to_owned()))
                }
                PatternElement::Placeable { expression } => {
                    parts.extend(self.expression(id, expression, depth)?);
                }
            }
        }
        Ok(parts)
    }

    fn expression(
        &self,
        id: &str,
        expression: &Expression<&str>,
        depth: usize,
    ) -> Result<Vec<Part>, CompileError> {
        match expression {
            Expression::Inline(inline) => self.inline(id, inline, depth),
            Expression::Select { selector, variants } => {
                let InlineExpression::VariableReference { id: on } = selector else {
                    return Err(unsupported(
                        id,
                        "a select expression on something other than a variable",
                    ));
                };
                let mut compiled = Vec::new();
                let mut default = 0;
                for (index, variant) in variants.iter().enumerate() {
                    let key = match &variant.key {
                        VariantKey::Identifier { name } => (*name).to_owned(),
                        VariantKey::NumberLiteral { value } => (*value).to_owned(),
                    };
                    if variant.default {
                        default = index;
                    }
                    compiled.push((key, merge_text(self.pattern(id, &variant.value, depth)?)));
                }
                Ok(vec![Part::Select {
                    on: on.name.to_owned(),
                    variants: compiled,
                    default,
                }])
            }
        }
    }

    fn inline(
        &self,
        id: &str,
        inline: &InlineExpression<&str>,
        depth: usize,
    ) -> Result<Vec<Part>, CompileError> {
        let reference = |what: &str| CompileError::Reference {
            id: id.to_owned(),
            reference: what.to_owned(),
        };
        match inline {
            InlineExpression::StringLiteral { value } => Ok(vec![Part::Text(
                fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned(),
            )]),
            InlineExpression::NumberLiteral { value } => Ok(vec![Part::Text((*value).to_owned())]),
            InlineExpression::VariableReference { id: variable } => {
                Ok(vec![Part::Var(variable.name.to_owned())])
            }
            InlineExpression::Placeable { expression } => self.expression(id, expression, depth),
            InlineExpression::TermReference {
                id: term,
                attribute: None,
                arguments: None,
            } => {
                let pattern = self
                    .terms
                    .get(term.name)
                    .filter(|_| depth < MAX_DEPTH)
                    .ok_or_else(|| reference(&format!("-{}", term.name)))?;
                self.pattern(id, pattern, depth + 1)
            }
            InlineExpression::MessageReference {
                id: message,
                attribute,
            } => {
                let name = attribute.as_ref().map_or_else(
                    || message.name.to_owned(),
                    |a| format!("{}.{}", message.name, a.name),
                );
                let pattern = self
                    .messages
                    .get(name.as_str())
                    .filter(|_| depth < MAX_DEPTH)
                    .ok_or_else(|| reference(&name))?;
                self.pattern(id, pattern, depth + 1)
            }
            InlineExpression::TermReference { .. } => {
                Err(unsupported(id, "a term with arguments or an attribute"))
            }
            InlineExpression::FunctionReference { id: function, .. } => Err(unsupported(
                id,
                &format!("the function {}()", function.name),
            )),
        }
    }
}

fn unsupported(id: &str, what: &str) -> CompileError {
    CompileError::Unsupported {
        id: id.to_owned(),
        what: what.to_owned(),
    }
}

/// Adjacent texts as one (a literal placeable next to text, a term).
fn merge_text(parts: Vec<Part>) -> Vec<Part> {
    let mut merged: Vec<Part> = Vec::with_capacity(parts.len());
    for part in parts {
        match (merged.last_mut(), part) {
            (Some(Part::Text(previous)), Part::Text(text)) => previous.push_str(&text),
            (_, part) => merged.push(part),
        }
    }
    merged
}

/// Every variable a message uses, selectors included.
#[must_use]
pub fn variables(parts: &[Part]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for part in parts {
        match part {
            Part::Text(_) => {}
            Part::Var(name) => {
                found.insert(name.clone());
            }
            Part::Select { on, variants, .. } => {
                found.insert(on.clone());
                for (_, pattern) in variants {
                    found.extend(variables(pattern));
                }
            }
        }
    }
    found
}

/// Everything `translation` lacks, adds, or puts in differently, against
/// `english`; empty when it is complete.
#[must_use]
pub fn check(english: &Compiled, translation: &Compiled) -> Vec<Mismatch> {
    let theirs: HashMap<&str, &Vec<Part>> = translation
        .ids
        .iter()
        .map(String::as_str)
        .zip(&translation.messages)
        .collect();
    let ours: HashMap<&str, &Vec<Part>> = english
        .ids
        .iter()
        .map(String::as_str)
        .zip(&english.messages)
        .collect();
    let mut problems = Vec::new();
    for (id, parts) in english.ids.iter().zip(&english.messages) {
        match theirs.get(id.as_str()) {
            None => problems.push(Mismatch::Missing(id.clone())),
            Some(translated) => {
                let (english, found) = (variables(parts), variables(translated));
                if english != found {
                    problems.push(Mismatch::Variables {
                        id: id.clone(),
                        english,
                        found,
                    });
                }
            }
        }
    }
    problems.extend(
        translation
            .ids
            .iter()
            .filter(|id| !ours.contains_key(id.as_str()))
            .map(|id| Mismatch::Extra(id.clone())),
    );
    problems
}

/// Names the set of English message ids, so a catalog of another build is
/// told apart (FNV-1a, 64 bits, of the ids and their order).
#[must_use]
pub fn version(english: &Compiled) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in english.ids.iter().flat_map(|id| id.bytes().chain([b'\n'])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The catalog of `lang`: `translation`'s messages in English's order.
///
/// # Errors
/// What [`check`] finds, when it finds anything.
pub fn catalog(
    lang: &str,
    english: &Compiled,
    translation: &Compiled,
) -> Result<Catalog, Vec<Mismatch>> {
    let problems = check(english, translation);
    if !problems.is_empty() {
        return Err(problems);
    }
    let theirs: HashMap<&str, &Vec<Part>> = translation
        .ids
        .iter()
        .map(String::as_str)
        .zip(&translation.messages)
        .collect();
    let messages = english
        .ids
        .iter()
        .filter_map(|id| theirs.get(id.as_str()).map(|p| (*p).clone()))
        .collect();
    Ok(Catalog {
        lang: lang.to_owned(),
        version: version(english),
        first: 0,
        messages,
    })
}

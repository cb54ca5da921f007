//! `--fail-on`'s value parser: clap's enum parser without its "a similar value exists" hint.
//!
//! A mistyped threshold (`--fail-on severe`) made clap suggest `never`, the one value that turns
//! the gate off; a user who follows the hint ships a pipeline that passes whatever it finds. The
//! error keeps everything else clap says (the bad value and the valid ones).

use crate::gate::FailOn;
use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};
use clap::error::ContextKind;
use clap::{Arg, Command, ValueEnum};
use std::ffi::OsStr;

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ThresholdParser;

impl TypedValueParser for ThresholdParser {
    type Value = FailOn;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<FailOn, clap::Error> {
        EnumValueParser::<FailOn>::new().parse_ref(cmd, arg, value).map_err(|err| {
            let mut plain = clap::Error::new(err.kind()).with_cmd(cmd);
            for (kind, value) in err.context().filter(|(kind, _)| *kind != ContextKind::SuggestedValue) {
                plain.insert(kind, value.clone());
            }
            plain
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(FailOn::value_variants().iter().filter_map(ValueEnum::to_possible_value)))
    }
}

//! Any other file: only the secrets engine reads it.

use super::{Candidate, Detection, Kind};

pub struct Text;

impl Kind for Text {
    fn id(&self) -> &'static str {
        "text"
    }

    fn title(&self) -> &'static str {
        "Other text file"
    }

    fn platform(&self) -> &'static str {
        "Other files"
    }

    fn detected_by(&self) -> &'static str {
        "any file no other kind claims"
    }

    fn detect(&self, _: &Candidate) -> Detection {
        Detection::Fallback
    }

    fn has_documents(&self) -> bool {
        false
    }
}

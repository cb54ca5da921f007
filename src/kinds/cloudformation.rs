//! AWS CloudFormation (and SAM) templates, YAML or JSON.
//!
//! Recognised by content: `AWSTemplateFormatVersion`, or `Resources` with an `AWS::` type. The
//! YAML reader is given the short-form intrinsic tags (`!Ref x` becomes `{"Ref": "x"}`, `!GetAtt
//! a.b` becomes `{"Fn::GetAtt": ["a", "b"]}`), so policies only ever see the long form; other
//! kinds drop local tags. `Ref`s to parameters with a default, and static `Fn::Sub` /
//! `Fn::FindInMap`, are replaced by their values ([`parameters`]). Document shape:
//! `docs/kinds/cloudformation.md`.

use super::{Candidate, Detection, FileToParse, Kind, yaml_or_json};
use crate::facets::Facets;
use crate::syntax::yaml::LocalTag;
use crate::syntax::{Document, ParseError};

pub struct Cloudformation;

impl Kind for Cloudformation {
    fn id(&self) -> &'static str {
        "cloudformation"
    }

    fn title(&self) -> &'static str {
        "AWS CloudFormation template"
    }

    fn platform(&self) -> &'static str {
        "AWS (Terraform and CloudFormation)"
    }

    fn detected_by(&self) -> &'static str {
        "content of a YAML/JSON/.template file: `AWSTemplateFormatVersion`, or `Resources` with an `AWS::` type"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let marked = file.is_structured()
            && (file.head_has("AWSTemplateFormatVersion") || (file.head_has("Resources") && file.head_has("AWS::")));
        if marked { Detection::ByContent } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        let mut docs = yaml_or_json(file.bytes, short_form)?;
        for doc in docs.iter_mut().flatten() {
            parameters::resolve(&mut doc.value);
        }
        Ok(docs)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// The long form of a CloudFormation short-form tag (`Ref` -> `Ref`, `GetAtt` -> `Fn::GetAtt`).
fn short_form(tag: &str) -> Option<LocalTag> {
    let key = match tag {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "GetAtt" => "Fn::GetAtt",
        "Sub" => "Fn::Sub",
        "Join" => "Fn::Join",
        "If" => "Fn::If",
        "Select" => "Fn::Select",
        "FindInMap" => "Fn::FindInMap",
        "Base64" => "Fn::Base64",
        "ImportValue" => "Fn::ImportValue",
        "Equals" => "Fn::Equals",
        "Not" => "Fn::Not",
        "And" => "Fn::And",
        "Or" => "Fn::Or",
        "GetAZs" => "Fn::GetAZs",
        "Split" => "Fn::Split",
        "Cidr" => "Fn::Cidr",
        "Transform" => "Fn::Transform",
        _ => return None,
    };
    // `!GetAtt Resource.Attribute` is `["Resource", "Attribute"]`.
    Some(LocalTag { key, split_at: (key == "Fn::GetAtt").then_some('.') })
}

mod facets;
mod parameters;
use facets::facets;

#[cfg(test)]
mod tests {
    use crate::syntax::yaml::parse_yaml_with_tags;
    use serde_json::json;

    #[test]
    fn short_form_tags_become_the_long_form() {
        let docs = parse_yaml_with_tags(
            b"Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref Name
      Arn: !GetAtt Db.Endpoint.Address
      Arn2: !GetAtt [Db, Arn]
      Url: !Sub
        - 'https://${Host}/x'
        - Host: !ImportValue shared-host
      Size: !If [IsProd, 100, !Ref AWS::NoValue]
      Zones: !GetAZs ''
      Cond: !Condition IsProd
      Other: !Custom 5
      Tr: !Transform {Name: AWS::Include}
",
            super::short_form,
        )
        .unwrap();
        let p = &docs[0].value["Resources"]["Bucket"]["Properties"];
        assert_eq!(p["BucketName"], json!({"Ref": "Name"}));
        assert_eq!(p["Arn"], json!({"Fn::GetAtt": ["Db", "Endpoint.Address"]}));
        assert_eq!(p["Arn2"], json!({"Fn::GetAtt": ["Db", "Arn"]}));
        assert_eq!(p["Url"], json!({"Fn::Sub": ["https://${Host}/x", {"Host": {"Fn::ImportValue": "shared-host"}}]}));
        assert_eq!(p["Size"], json!({"Fn::If": ["IsProd", 100, {"Ref": "AWS::NoValue"}]}));
        assert_eq!(p["Zones"], json!({"Fn::GetAZs": ""}));
        assert_eq!(p["Cond"], json!({"Condition": "IsProd"}));
        assert_eq!(p["Other"], json!(5));
        assert_eq!(p["Tr"], json!({"Fn::Transform": {"Name": "AWS::Include"}}));
    }
}

//! Evaluation: three-valued, with reasons. (being written)
use crate::answers::Answers;
use crate::date::Date;
use crate::model::Model;

/// The result of evaluating a ruleset on answers. (being written)
#[derive(Debug, Clone, serde::Serialize)]
pub struct Evaluation {}

/// Evaluates `model` on `answers` with the given `today`. (being written)
pub fn evaluate(_model: &Model, _answers: &Answers, _today: Date) -> Evaluation {
    Evaluation {}
}

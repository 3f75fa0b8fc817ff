//! Answers: loosely typed input turned into typed values. (being written)

/// Typed answers, one slot per fact. (being written)
#[derive(Debug, Clone, Default)]
pub struct Answers {}

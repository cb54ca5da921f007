//! How a plain (unquoted) YAML scalar resolves under the YAML 1.2 core schema: null, booleans,
//! decimal, hex and octal integers and floats; anything else is a string (so `on:` and `yes`
//! stay strings, as GitHub Actions and Kubernetes expect).

use serde_json::Value;

/// YAML 1.2 core schema resolution of a plain scalar; `None` means it is a string.
pub(super) fn resolve_plain(s: &str) -> Option<Value> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return radix_int(hex, 16);
    }
    if let Some(oct) = s.strip_prefix("0o") {
        return radix_int(oct, 8);
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = s.parse::<i64>() {
            return Some(Value::from(i));
        }
        if let Ok(u) = digits.parse::<u64>()
            && !s.starts_with('-')
        {
            return Some(Value::from(u));
        }
        return s.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number);
    }
    if is_core_float(digits) {
        return s.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number);
    }
    // `.inf` and `.nan` have no JSON number; they stay strings.
    None
}

pub(super) fn radix_int(digits: &str, radix: u32) -> Option<Value> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if let Ok(i) = i64::from_str_radix(digits, radix) {
        return Some(Value::from(i));
    }
    u64::from_str_radix(digits, radix).ok().map(Value::from)
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the sign already stripped.
pub(super) fn is_core_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let from = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - from
    };
    let int_digits = digits(&mut i);
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        frac_digits = digits(&mut i);
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

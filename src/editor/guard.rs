//! What keeps the editor to the clerk's own browser. The preview listens on 127.0.0.1 and
//! answers only requests addressed to itself (the server's Host check, against DNS
//! rebinding); on top of that, every request the editor takes by POST must
//!
//! - carry the token of this run of `kyodo serve` (32 random bytes from the operating
//!   system, made at start, in every form of the editor's pages), compared in constant
//!   time: another web site open in the same browser cannot read the editor's pages, so it
//!   cannot know the token, and a request it forges is refused;
//! - where the browser says where the request comes from (`Origin`, `Sec-Fetch-Site`),
//!   come from the preview itself (the server finds that: `serve::http::sent_from_here`).
//!
//! The editor's pages also tell the browser not to show them inside another site's frame.

use crate::msg;
use crate::msg::Msg;

/// The token of one run of the preview, as hexadecimal text.
#[derive(Clone)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

impl Token {
    /// A new random token; an error when the system gives no randomness.
    pub fn new() -> Result<Token, Msg> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| {
            msg!(
                ja: "編集用の合言葉を作れません（乱数を得られません: {e}）。",
                en: "cannot make the editor's token: no randomness from the system: {e}",
            )
        })?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The token as written into forms.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is the token, compared in time independent of where they differ.
    pub fn matches(&self, given: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), given.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let difference = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
        std::hint::black_box(difference) == 0
    }
}

/// Whether a request that changes something may be taken: the token, and the server's
/// finding that the browser says it comes from the preview itself (`from_here`).
pub fn allowed(token: &Token, given: &str, from_here: bool) -> bool {
    // Both are checked, whatever the first says.
    token.matches(given) & from_here
}

/// The answer to a refused request, in both languages.
pub fn refused() -> Msg {
    msg!(
        ja: "この要求は、このプレビューの編集画面から送られたものと確かめられないため、受け付けませんでした。編集画面を開き直してから、もう一度お試しください。",
        en: "This request was refused: it could not be confirmed as coming from this preview's editor. Open the editor again and retry.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_token_of_this_run_is_taken() {
        let token = Token::new().unwrap();
        let other = Token::new().unwrap();
        assert_eq!(token.as_str().len(), 64);
        assert_ne!(token.as_str(), other.as_str());
        assert!(allowed(&token, token.as_str(), true));
        assert!(!allowed(&token, token.as_str(), false));
        assert!(!allowed(&token, other.as_str(), true));
        assert!(!allowed(&token, "", true));
        assert!(!allowed(&token, &token.as_str()[1..], true));
        assert!(!allowed(&token, &format!("{}0", token.as_str()), true));
    }
}

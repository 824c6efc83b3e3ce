//! Scales of the charts: nice ticks (1, 2 or 5 times a power of ten; whole numbers for
//! counts), the mapping of values onto the drawing, and the width of a label.

/// A value range mapped onto `[x0, x1]`.
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub x0: f64,
    pub x1: f64,
}

impl Scale {
    /// The range of `ticks` (first to last) onto `[x0, x1]`.
    pub fn new(ticks: &[f64], x0: f64, x1: f64) -> Scale {
        let min = ticks.first().copied().unwrap_or(0.0);
        let max = ticks.last().copied().filter(|m| *m > min).unwrap_or(min + 1.0);
        Scale { min, max, x0, x1 }
    }

    pub fn x(&self, v: f64) -> f64 {
        self.x0 + (v - self.min) / (self.max - self.min) * (self.x1 - self.x0)
    }
}

/// Ticks covering `values`, at most about `most` of them, at a step of 1, 2 or 5 times a
/// power of ten (at least 1 when `integer`). The range starts at 0 when the values are all
/// positive and the smallest is less than half the largest, so bars keep their meaning.
pub fn nice_ticks(values: &[f64], most: usize, integer: bool) -> Vec<f64> {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return vec![0.0, 1.0];
    }
    let lo = if lo >= 0.0 && lo < hi / 2.0 { 0.0 } else { lo };
    let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
    let raw = span / (most.max(2) - 1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude);
    if integer {
        step = step.max(1.0).round();
    }
    let first = (lo / step).floor() * step;
    let last = if hi > lo { (hi / step).ceil() * step } else { first + step * 2.0 };
    let count = ((last - first) / step).round() as usize;
    (0..=count.min(50)).map(|i| tidy(first + i as f64 * step)).collect()
}

/// Removes the binary noise of a multiple (0.30000000000000004 → 0.3).
fn tidy(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

/// The width of a label in drawing units, from its characters: full-width characters are
/// as wide as the font is high, others a little over half that.
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { font * 0.58 } else { font }).sum()
}

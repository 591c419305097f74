//! "Did you mean …?" suggestions, with CPython 3.11's distance and cut-off so pgs
//! suggests the same name Python would.

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // CPython gives up on long names and huge scopes; so do we, for the same answers.
    const MAX_STRING_SIZE: usize = 40;
    const MAX_CANDIDATES: usize = 750;
    if name.len() > MAX_STRING_SIZE {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for candidate in candidates.into_iter().take(MAX_CANDIDATES) {
        if candidate == name || candidate.len() > MAX_STRING_SIZE {
            continue;
        }
        let max_cost = (name.len() + candidate.len() + 3) * MOVE_COST / 6;
        let limit = best.map_or(max_cost, |(_, d)| d.saturating_sub(1).min(max_cost));
        let distance = levenshtein(name.as_bytes(), candidate.as_bytes());
        if distance <= limit {
            best = Some((candidate, distance));
        }
    }
    best.map(|(c, _)| c)
}

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Edit distance where insertions, deletions and substitutions cost 2 and a change of
/// case costs 1 (CPython's `Python/suggestions.c`).
fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).map(|j| j * MOVE_COST).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = (i + 1) * MOVE_COST;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + substitution_cost(ca, cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + MOVE_COST).min(diagonal + MOVE_COST);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_seed_typo() {
        assert_eq!(
            did_you_mean("darry", ["dask", "darray", "numpy"]),
            Some("darray")
        );
    }

    #[test]
    fn ignores_distant_names() {
        assert_eq!(did_you_mean("x", ["numpy", "dask"]), None);
        assert_eq!(did_you_mean("prnt", ["print", "pass"]), Some("print"));
    }
}

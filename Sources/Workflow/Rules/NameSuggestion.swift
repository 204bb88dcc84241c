/// Finds the name an unknown one was probably meant to be, for `did you mean` hints: a field in an
/// expression, a transition on the command line.
public enum NameSuggestion {
    /// The candidate closest to `name` by edit distance, when it is close enough to be a typo
    /// (at most two edits, and fewer edits than the name has characters); ties go to the first
    /// in alphabetical order so the hint is stable.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let limit = min(2, name.count - 1)
        var best: (name: String, distance: Int)?
        for candidate in candidates.sorted() {
            let distance = editDistance(Array(name.unicodeScalars), Array(candidate.unicodeScalars))
            if distance <= limit, distance < best?.distance ?? Int.max {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The Levenshtein distance: insertions, deletions and substitutions needed to turn one
    /// into the other.
    static func editDistance(_ source: [Unicode.Scalar], _ target: [Unicode.Scalar]) -> Int {
        var previous = Array(0...target.count)
        for (row, sourceScalar) in source.enumerated() {
            var current = [row + 1]
            for (column, targetScalar) in target.enumerated() {
                let substitution = previous[column] + (sourceScalar == targetScalar ? 0 : 1)
                current.append(min(substitution, previous[column + 1] + 1, current[column] + 1))
            }
            previous = current
        }
        return previous[target.count]
    }
}

/// The earlier name of ``NameSuggestion``, when it only suggested fields.
typealias FieldNameSuggestion = NameSuggestion

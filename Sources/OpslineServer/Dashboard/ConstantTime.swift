/// Comparisons whose time does not depend on where two secrets first differ.
enum ConstantTime {
    /// Whether `a` and `b` are the same bytes, looking at every byte of the longer one whatever
    /// they hold; an empty expected value never matches.
    static func equals(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard !x.isEmpty else { return false }
        var difference: UInt8 = x.count == y.count ? 0 : 1
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}

import ArgumentParser

/// Sizes given on the command line: a number of bytes, or one with a binary unit (`512KiB`,
/// `25MiB`, `1GiB`; `KB`, `MB`, `GB` and `K`, `M`, `G` mean the same, as in most tools).
enum ByteSizeArgument {
    private static let units: [(suffix: String, shift: Int64)] = [
        ("kib", 10), ("mib", 20), ("gib", 30), ("kb", 10), ("mb", 20), ("gb", 30), ("k", 10), ("m", 20), ("g", 30),
        ("b", 0),
    ]

    /// Parses `text`, or throws a usage error naming `option`.
    static func parse(_ text: String, option: String) throws -> Int64 {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        let unit = units.first { lowered.hasSuffix($0.suffix) }
        let number = unit.map { String(lowered.dropLast($0.suffix.count)) } ?? lowered
        let shift = unit?.shift ?? 0
        guard let value = Int64(number.trimmingCharacters(in: .whitespaces)), value > 0,
            value <= Int64.max >> shift
        else { throw ValidationError("\(option) must be a size such as 25MiB, 512KiB or 1048576, not '\(text)'") }
        return value << shift
    }
}

import ArgumentParser
import Workflow

/// Durations given on the command line, in the workflow files' form (`45s`, `30m`, `4h`, `1d4h`)
/// and within the same bound (``WorkDuration/longest``, ten years).
enum DurationArgument {
    /// Parses `text`, or throws a usage error naming `option` with `examples` of the form.
    /// - Parameter positive: Whether zero is refused too.
    static func parse(_ text: String, option: String, examples: String, positive: Bool = false) throws -> WorkDuration {
        switch WorkDuration.checked(text) {
        case .success(let duration) where !positive || duration.seconds > 0:
            return duration
        case .failure(.tooLong):
            throw ValidationError("\(option) must be at most \(WorkDuration.longest) (ten years), not '\(text)'")
        default:
            throw ValidationError("\(option) must be a duration such as \(examples), not '\(text)'")
        }
    }
}

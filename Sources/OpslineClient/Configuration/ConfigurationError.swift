/// The client's settings cannot be used: a bad server URL, or a config file that cannot be read.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for people.
    public var message: String

    /// Creates an error with a message for people.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

import Foundation
import Yams

/// The user's config file, `~/.config/opsline/config.yaml`:
///
/// ```yaml
/// server: https://opsline.example.com
/// token: ops_…
/// ```
public struct ConfigFile: Sendable, Hashable, Decodable {
    /// The server's base URL.
    public var server: String?
    /// The bearer token.
    public var token: String?

    /// Creates the contents of a config file.
    public init(server: String? = nil, token: String? = nil) {
        self.server = server
        self.token = token
    }

    /// Parses a config file's text; other keys are ignored, an empty file sets nothing.
    ///
    /// - Parameters:
    ///   - text: The file's YAML.
    ///   - path: The file's path, named in errors.
    /// - Throws: ``ConfigurationError`` when the text is not YAML of that shape.
    public init(parsing text: String, path: String = "config.yaml") throws(ConfigurationError) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            self.init()
            return
        }
        do {
            self = try YAMLDecoder().decode(ConfigFile.self, from: text)
        } catch {
            throw ConfigurationError(
                "\(path) is not a valid config file (expected 'server:' and 'token:' keys): "
                    + "\(error)"
            )
        }
    }

    /// Where the config file lives: `$XDG_CONFIG_HOME/opsline/config.yaml` when that variable is
    /// set to an absolute path, else `$HOME/.config/opsline/config.yaml`.
    ///
    /// - Parameter environment: The process environment.
    /// - Returns: The path, or `nil` when neither variable is set.
    public static func path(environment: [String: String]) -> String? {
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
            return base + "/opsline/config.yaml"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.config/opsline/config.yaml"
        }
        return nil
    }

    /// Reads the config file at `path`.
    ///
    /// - Returns: The file's contents, or `nil` when there is no such file.
    /// - Throws: ``ConfigurationError`` when the file exists but cannot be read.
    public static func read(path: String) throws(ConfigurationError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot read \(path): \(error.localizedDescription)")
        }
    }
}

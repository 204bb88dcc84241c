import Foundation

extension ClientConfiguration {
    /// Works out the server and token from every place they can be set.
    ///
    /// Each setting is taken from the first place that has it: the explicit value (a command-line
    /// flag), then the environment (`OPSLINE_URL`, `OPSLINE_TOKEN`), then the config file; the
    /// server falls back to ``defaultServerURL``. An empty value counts as unset. This function
    /// does no I/O, so every case can be tested.
    /// - Parameters:
    ///   - server: The server URL given explicitly, if any.
    ///   - token: The token given explicitly, if any.
    ///   - environment: The process environment.
    ///   - configFile: The config file's text, or `nil` when there is none.
    ///   - configPath: The config file's path, named in errors.
    /// - Throws: ``ConfigurationError`` for a bad config file or server URL.
    ///   - caFile: The certificate authorities file given explicitly (`--ca-file`), else
    ///     `OPSLINE_CA_FILE`.
    public static func resolve(
        server: String? = nil, token: String? = nil, caFile: String? = nil, environment: [String: String],
        configFile: String?, configPath: String = "config.yaml"
    ) throws(ConfigurationError) -> ClientConfiguration {
        let file = try configFile.map { text throws(ConfigurationError) in
            try ConfigFile(parsing: text, path: configPath)
        }
        let resolvedServer =
            firstSet(server, environment["OPSLINE_URL"], file?.server) ?? defaultServerURL
        let resolvedToken = firstSet(token, environment["OPSLINE_TOKEN"], file?.token)
        return try ClientConfiguration(
            serverURL: resolvedServer, token: resolvedToken, caFile: firstSet(caFile, environment["OPSLINE_CA_FILE"]))
    }

    /// Resolves the configuration from this process's environment and the user's config file.
    ///
    /// - Parameters:
    ///   - server: The server URL given explicitly, if any.
    ///   - token: The token given explicitly, if any.
    /// - Throws: ``ConfigurationError`` for a bad config file or server URL.
    ///   - caFile: The certificate authorities file given explicitly, if any.
    public static func load(
        server: String? = nil, token: String? = nil, caFile: String? = nil
    ) throws(ConfigurationError) -> ClientConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigFile.path(environment: environment)
        let text = try path.flatMap { path throws(ConfigurationError) in
            try ConfigFile.read(path: path)
        }
        return try resolve(
            server: server, token: token, caFile: caFile, environment: environment, configFile: text,
            configPath: path ?? "config.yaml")
    }

    private static func firstSet(_ candidates: String?...) -> String? {
        candidates.lazy.compactMap { $0 }.first { !$0.isEmpty }
    }
}

import Testing

@testable import OpslineClient

@Suite struct ClientConfigurationTests {
    let environment = ["OPSLINE_URL": "http://env.example:8080", "OPSLINE_TOKEN": "env-token"]
    let file = "server: http://file.example:8080\ntoken: file-token\n"

    @Test func flagsWinOverTheEnvironmentAndTheConfigFile() throws {
        let configuration = try ClientConfiguration.resolve(
            server: "http://flag.example:8080", token: "flag-token", environment: environment,
            configFile: file)
        #expect(configuration.serverURL == "http://flag.example:8080")
        #expect(configuration.token == "flag-token")
    }

    @Test func theCertificateAuthoritiesComeFromTheFlagElseTheEnvironment() throws {
        let both = try ClientConfiguration.resolve(
            caFile: "/flag/ca.pem", environment: ["OPSLINE_CA_FILE": "/env/ca.pem"], configFile: nil)
        #expect(both.caFile == "/flag/ca.pem")
        let environment = try ClientConfiguration.resolve(
            environment: ["OPSLINE_CA_FILE": "/env/ca.pem"], configFile: nil)
        #expect(environment.caFile == "/env/ca.pem")
        let neither = try ClientConfiguration.resolve(environment: ["OPSLINE_CA_FILE": ""], configFile: nil)
        #expect(neither.caFile == nil, "an empty value is unset: the system's authorities")
    }

    @Test func theEnvironmentWinsOverTheConfigFile() throws {
        let configuration = try ClientConfiguration.resolve(
            environment: environment, configFile: file)
        #expect(configuration.serverURL == "http://env.example:8080")
        #expect(configuration.token == "env-token")
    }

    @Test func theConfigFileIsUsedWhenNothingElseIsSet() throws {
        let configuration = try ClientConfiguration.resolve(environment: [:], configFile: file)
        #expect(configuration.serverURL == "http://file.example:8080")
        #expect(configuration.token == "file-token")
    }

    @Test func withoutAnySettingTheLocalServerIsUsedWithoutAToken() throws {
        let configuration = try ClientConfiguration.resolve(environment: [:], configFile: nil)
        #expect(configuration.serverURL == "http://127.0.0.1:8080")
        #expect(configuration.token == nil)
    }

    @Test func eachSettingComesFromTheFirstPlaceThatHasIt() throws {
        let configuration = try ClientConfiguration.resolve(
            server: "http://flag.example", environment: ["OPSLINE_URL": "http://env.example"],
            configFile: "token: file-token")
        #expect(configuration.serverURL == "http://flag.example")
        #expect(configuration.token == "file-token")
    }

    @Test func emptyValuesCountAsUnset() throws {
        let configuration = try ClientConfiguration.resolve(
            server: "", token: "", environment: ["OPSLINE_URL": "", "OPSLINE_TOKEN": ""],
            configFile: file)
        #expect(configuration.serverURL == "http://file.example:8080")
        #expect(configuration.token == "file-token")
    }

    @Test func anEmptyConfigFileSetsNothing() throws {
        let configuration = try ClientConfiguration.resolve(environment: [:], configFile: "\n")
        #expect(configuration.serverURL == ClientConfiguration.defaultServerURL)
    }

    @Test func otherKeysInTheConfigFileAreIgnored() throws {
        let configuration = try ClientConfiguration.resolve(
            environment: [:], configFile: "server: https://ops.example\ncolor: always\n")
        #expect(configuration.serverURL == "https://ops.example")
    }

    @Test func aTrailingSlashIsDroppedFromTheServerURL() throws {
        let configuration = try ClientConfiguration(serverURL: "https://ops.example/opsline/")
        #expect(configuration.serverURL == "https://ops.example/opsline")
    }

    @Test(arguments: ["localhost:8080", "ftp://ops.example", "http://", "not a url"])
    func aServerThatIsNotAnHTTPURLIsRefused(server: String) {
        #expect(throws: ConfigurationError.self) {
            try ClientConfiguration.resolve(server: server, environment: [:], configFile: nil)
        }
    }

    @Test func aMalformedConfigFileIsReportedWithItsPath() {
        #expect {
            try ClientConfiguration.resolve(
                environment: [:], configFile: "server: [unclosed", configPath: "/home/a/config.yaml"
            )
        } throws: { error in
            (error as? ConfigurationError)?.message.contains("/home/a/config.yaml") == true
        }
    }

    @Test func theConfigFileLivesUnderXDGConfigHomeWhenItIsSet() {
        let path = ConfigFile.path(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/a"])
        #expect(path == "/cfg/opsline/config.yaml")
    }

    @Test func theConfigFileLivesUnderTheHomeDirectoryOtherwise() {
        #expect(
            ConfigFile.path(environment: ["HOME": "/home/a"])
                == "/home/a/.config/opsline/config.yaml")
        #expect(
            ConfigFile.path(environment: ["HOME": "/home/a", "XDG_CONFIG_HOME": "relative"])
                == "/home/a/.config/opsline/config.yaml")
    }
}

import Foundation
import Testing

@testable import OpslineClient

@Suite struct ConfigFileWritingTests {
    @Test func theWrittenFileReadsBackAndOnlyItsOwnerCanReadIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-config-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("opsline/config.yaml").path
        let file = ConfigFile(server: "https://ops.example", token: #"opl_"quoted" # not a comment"#)
        try file.write(to: path)

        let text = try #require(try ConfigFile.read(path: path))
        #expect(try ConfigFile(parsing: text) == file)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(
            atPath: folder.appendingPathComponent("opsline").path)
        #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)

        try ConfigFile(server: "https://other.example", token: "t2").write(to: path)
        #expect(try ConfigFile(parsing: try #require(try ConfigFile.read(path: path))).token == "t2")
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("opsline").path)
        #expect(leftovers == ["config.yaml"], "no temporary file is left behind")
    }

    @Test func aFolderThatCannotBeCreatedIsAConfigurationError() {
        #expect(throws: ConfigurationError.self) {
            try ConfigFile(server: "http://h", token: "t").write(to: "/proc/opsline/config.yaml")
        }
    }
}

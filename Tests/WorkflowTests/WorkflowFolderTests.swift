import Foundation
import Testing
import Workflow

/// The one reader of workflow folders, behind both `opsline serve` and `opsline workflow check`.
@Suite struct WorkflowFolderTests {
    @Test func aFolderIsItsVisibleYamlFilesByNameAndUnreadableOnesAreProblems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-folder-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.yml", "a.yaml", ".hidden.yaml", "notes.txt"] {
            try Data("workflow: x\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        try Data([0xff, 0xfe, 0x00]).write(to: folder.appendingPathComponent("c.yaml"))

        let (files, unreadable) = WorkflowFolder.read(folder: folder.path + "/")
        #expect(files.map(\.path) == ["a.yaml", "b.yml"].map { folder.path + "/" + $0 })
        #expect(files.first?.text == "workflow: x\n")
        #expect(unreadable.map(\.description) == ["\(folder.path)/c.yaml:1: cannot read the file as UTF-8 text"])

        let missing = WorkflowFolder.read(folder: folder.path + "/nope")
        #expect(missing.files.isEmpty)
        #expect(missing.unreadable.first?.message.hasPrefix("cannot read the folder") == true)
    }
}

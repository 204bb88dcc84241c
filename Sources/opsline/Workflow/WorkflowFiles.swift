import Foundation
import Workflow

/// The workflow files named on a command line: files as given, folders as their `*.yaml` and
/// `*.yml` files, each read as UTF-8, with paths kept as typed so messages point where the user
/// looks.
struct WorkflowFiles {
    /// The files read, in argument order (a folder's files sorted by name).
    private(set) var files: [WorkflowSourceFile] = []
    /// Files that could not be read, each as `path:1: why`.
    private(set) var unreadable: [WorkflowLoadError] = []
    /// The folders the files are in, in argument order, without repeats.
    private(set) var folders: [String] = []

    /// Reads the files and folders named by `arguments`.
    init(_ arguments: [String]) {
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                unreadable.append(WorkflowLoadError(file: argument, line: 1, message: "no such file or folder"))
                continue
            }
            if isFolder.boolValue { readFolder(argument) } else { read(argument) }
        }
    }

    /// The calendar files: those named `calendars.yaml` among the files.
    var calendarFiles: [WorkflowSourceFile] { files.filter(\.isCalendars) }

    /// The workflow files: every other file.
    var workflowFiles: [WorkflowSourceFile] { files.filter { !$0.isCalendars } }

    private mutating func readFolder(_ folder: String) {
        let trimmed = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: trimmed)
        } catch {
            unreadable.append(WorkflowLoadError(file: trimmed, line: 1, message: "cannot read the folder: \(error)"))
            return
        }
        let yamlNames = names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
        for name in yamlNames.sorted() {
            read(trimmed == "/" ? "/" + name : trimmed + "/" + name)
        }
    }

    /// Reads one file; the first read of a path wins.
    mutating func read(_ path: String) {
        guard !files.contains(where: { $0.path == path }) else { return }
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(validating: data, as: UTF8.self)
        else {
            unreadable.append(WorkflowLoadError(file: path, line: 1, message: "cannot read the file as UTF-8 text"))
            return
        }
        files.append(WorkflowSourceFile(path: path, text: text))
        let folder = (path as NSString).deletingLastPathComponent
        if !folders.contains(folder) { folders.append(folder) }
    }

    /// `calendars.yaml` in the folder of any file read, for workflows checked without one: the
    /// first found, in argument order.
    func calendarsBesideFiles() -> String? {
        folders.lazy.map { ($0.isEmpty ? "" : $0 + "/") + "calendars.yaml" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}

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

    /// The receivers files: those named `receivers.yaml` among the files.
    var receiverFiles: [WorkflowSourceFile] { files.filter(\.isReceivers) }

    /// The workflow files: every other file.
    var workflowFiles: [WorkflowSourceFile] { files.filter { !$0.isCalendars && !$0.isReceivers } }

    private mutating func readFolder(_ folder: String) {
        let (found, problems) = WorkflowFolder.read(folder: folder)
        unreadable += problems
        for file in found where !files.contains(where: { $0.path == file.path }) { remember(file) }
    }

    /// Reads one file; the first read of a path wins.
    mutating func read(_ path: String) {
        guard !files.contains(where: { $0.path == path }) else { return }
        switch WorkflowFolder.read(file: path) {
        case .success(let file): remember(file)
        case .failure(let problem): unreadable.append(problem)
        }
    }

    private mutating func remember(_ file: WorkflowSourceFile) {
        files.append(file)
        let folder = (file.path as NSString).deletingLastPathComponent
        if !folders.contains(folder) { folders.append(folder) }
    }

    /// `calendars.yaml` in the folder of any file read, for workflows checked without one: the
    /// first found, in argument order.
    func calendarsBesideFiles() -> String? {
        beside("calendars.yaml")
    }

    /// `receivers.yaml` in the folder of any file read, for workflows checked without one: the
    /// first found, in argument order.
    func receiversBesideFiles() -> String? {
        beside(ReceiverFile.name)
    }

    private func beside(_ name: String) -> String? {
        folders.lazy.map { ($0.isEmpty ? "" : $0 + "/") + name }
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}

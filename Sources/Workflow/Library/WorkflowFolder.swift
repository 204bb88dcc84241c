#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads workflow source files from disk: the one reader behind `opsline serve`'s workflows
/// folder (``WorkflowLibrary/load(directory:)``) and `opsline workflow check` / `apply`, so
/// both take the same files and report unreadable ones alike.
public enum WorkflowFolder {
    /// The files of a folder: its `*.yaml` and `*.yml` files but hidden ones, sorted by name,
    /// with paths as `folder/name.yaml` (a trailing `/` on the folder dropped).
    /// - Returns: The files read, and a problem at line 1 for each that could not be read (or for
    ///   the folder itself).
    public static func read(
        folder: String
    ) -> (files: [WorkflowSourceFile], unreadable: [WorkflowLoadError]) {
        let trimmed = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: trimmed)
        } catch {
            return ([], [WorkflowLoadError(file: trimmed, line: 1, message: "cannot read the folder: \(error)")])
        }
        var files: [WorkflowSourceFile] = []
        var unreadable: [WorkflowLoadError] = []
        let sourceNames = names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
        for name in sourceNames.sorted() {
            switch read(file: trimmed == "/" ? "/" + name : trimmed + "/" + name) {
            case .success(let file): files.append(file)
            case .failure(let problem): unreadable.append(problem)
            }
        }
        return (files, unreadable)
    }

    /// One file, read as UTF-8 text; a file that cannot be read is a problem at its line 1.
    public static func read(file path: String) -> Result<WorkflowSourceFile, WorkflowLoadError> {
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(validating: data, as: UTF8.self)
        else {
            return .failure(WorkflowLoadError(file: path, line: 1, message: "cannot read the file as UTF-8 text"))
        }
        return .success(WorkflowSourceFile(path: path, text: text))
    }
}

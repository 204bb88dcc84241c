#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension WorkflowLibrary {
    /// Loads every `*.yaml` (and `*.yml`) file of a folder, e.g. `workflows/`.
    /// - Parameter directory: The folder's path; messages name files as `directory/name.yaml`.
    /// - Returns: The checked library.
    /// - Throws: Every problem found, each as `file:line: message`; a folder or file that cannot
    ///   be read is reported at line 1.
    public static func load(directory: String) throws(WorkflowLoadErrors) -> WorkflowLibrary {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw WorkflowLoadErrors([
                WorkflowLoadError(file: directory, line: 1, message: "cannot read the folder: \(error)")
            ])
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var files: [WorkflowSourceFile] = []
        var unreadable: [WorkflowLoadError] = []
        for name in names where !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) {
            let path = prefix + name
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(validating: data, as: UTF8.self)
            else {
                unreadable.append(WorkflowLoadError(file: path, line: 1, message: "cannot read the file as UTF-8"))
                continue
            }
            files.append(WorkflowSourceFile(path: path, text: text))
        }
        do throws(WorkflowLoadErrors) {
            let library = try WorkflowLibrary(files: files)
            if unreadable.isEmpty { return library }
        } catch {
            throw WorkflowLoadErrors(error.errors + unreadable)
        }
        throw WorkflowLoadErrors(unreadable)
    }
}

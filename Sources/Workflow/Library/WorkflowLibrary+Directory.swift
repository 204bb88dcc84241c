extension WorkflowLibrary {
    /// Loads every `*.yaml` (and `*.yml`) file of a folder, e.g. `workflows/`.
    /// - Parameter directory: The folder's path; messages name files as `directory/name.yaml`.
    /// - Returns: The checked library.
    /// - Throws: Every problem found, each as `file:line: message`; a folder or file that cannot
    ///   be read is reported at line 1.
    public static func load(directory: String) throws(WorkflowLoadErrors) -> WorkflowLibrary {
        let (files, unreadable) = WorkflowFolder.read(folder: directory)
        do throws(WorkflowLoadErrors) {
            let library = try WorkflowLibrary(files: files)
            if unreadable.isEmpty { return library }
        } catch {
            throw WorkflowLoadErrors(error.errors + unreadable)
        }
        throw WorkflowLoadErrors(unreadable)
    }
}

import Mustache

/// The dashboard's Mustache templates, compiled into the binary: nothing is read from disk.
///
/// Pages extend ``layout`` (`{{<layout}}…{{/layout}}`) and fill its `title` and `main` blocks.
enum PageTemplates {
    /// Every template by name.
    static let all: [String: String] = [
        "layout": layout, "login": login, "overview": overview, "error": error,
        "workload": workload, "breakdown": breakdown,
        "queue": queue, "workflows": workflows, "workflow": workflow,
        "task": task,
    ]

    /// The templates, parsed: a template that does not parse is a programming error, caught by
    /// the tests.
    static func library() -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("dashboard template \(name) does not parse: \(error)")
            }
        }
        return library
    }
}

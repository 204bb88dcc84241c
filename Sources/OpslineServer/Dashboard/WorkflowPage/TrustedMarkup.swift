import Mustache

/// Markup the server built itself, placed in a page as it is: the workflow diagram's SVG, whose
/// every name and label ``WorkflowGraph/svg()`` escaped as XML.
///
/// Templates write values only with `{{ }}`, which escapes them; a value that is a
/// `MustacheTemplate` is rendered instead, so the markup is passed as a template that holds no
/// tag: every `{` is written as the character reference `&#123;` (the same character to HTML and
/// SVG), so no text in it — a state named `{{csrf}}` — can be read as one.
enum TrustedMarkup {
    /// `markup` as a template that renders exactly it.
    static func template(_ markup: String) -> MustacheTemplate {
        let inert = markup.replacingOccurrences(of: "{", with: "&#123;")
        // Text without a `{` holds no tag, so it always parses.
        return (try? MustacheTemplate(string: inert)) ?? (try! MustacheTemplate(string: ""))
    }
}

import Mustache

/// Renders the UI's Mustache templates (``Templates``), parsed once at startup. Values are HTML-escaped
/// (`{{name}}`); only HTML the UI made itself (a rendered page body, an SVG chart) goes in unescaped (`{{{name}}}`).
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// - Throws: a template that does not parse (a bug: the tests render every template).
    init() throws {
        var library = MustacheLibrary()
        for (name, text) in Templates.all { try library.register(text, named: name) }
        self.library = library
    }

    /// The HTML of a template for a view model.
    func render(_ view: Any, _ template: String) -> String {
        library.render(view, withTemplate: template) ?? "<p>Missing template \(template)</p>"
    }

    /// A whole page: the body inside the layout, with navigation for a signed-in caller.
    func page(title: String, body: String, chrome: LayoutView.Chrome?, notice: String? = nil, error: String? = nil) -> String {
        render(LayoutView(title: title, chrome: chrome, notice: notice, error: error, body: body), "layout")
    }
}

/// The layout's view model: the title, the navigation of a signed-in caller, a notice or error, the page body.
struct LayoutView {
    /// What a signed-in page shows around the body.
    struct Chrome {
        var items: [NavItem]
        var who: String
        var role: String
        /// The session's CSRF token for the logout form.
        var csrf: String
    }

    struct NavItem {
        var label: String
        var href: String
        var current: Bool
    }

    var title: String
    var chrome: Chrome?
    var notice: String?
    var error: String?
    var body: String

    /// The navigation a role sees, with the current section marked.
    static func items(for role: UIRole, current: UISection?) -> [NavItem] {
        UISection.allCases.filter { $0.isVisible(to: role) }.map { NavItem(label: $0.title, href: $0.path, current: $0 == current) }
    }
}

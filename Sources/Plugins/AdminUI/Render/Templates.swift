/// The UI's Mustache templates, as Swift strings compiled into the binary (no files to ship or find at run time).
/// One extension per page (`Templates+Keys.swift`, ...); ``all`` lists every template by name.
enum Templates {
    static var all: [(String, String)] {
        [
            ("layout", layout), ("login", login), ("overview", overview), ("keys", keys), ("key_created", keyCreated),
            ("key_edit", keyEdit), ("teams", teams), ("team", team), ("directory", directory), ("models", models),
            ("logs", logs), ("log_detail", logDetail), ("policies", policies), ("audit", audit), ("pager", pager),
            ("playground", playground),
        ]
    }

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Tollgate</title><link rel="stylesheet" href="/ui/static/app.css"></head>
        <body>
        {{#chrome}}<header class="top"><a class="brand" href="/ui">Tollgate</a>
        <nav>{{#items}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/items}}</nav>
        <form method="post" action="/ui/logout" class="who"><input type="hidden" name="csrf" value="{{csrf}}">
        <span id="who">{{who}}</span> <span class="role">{{role}}</span> <button type="submit" id="logout">Log out</button></form>
        </header>{{/chrome}}
        <main>
        <h1>{{title}}</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="error" role="alert" id="error">{{error}}</p>{{/error}}
        {{{body}}}
        </main>
        <script src="/ui/static/app.js" defer></script>
        </body>
        </html>
        """

    /// Page links under a list (`{{#pager}}{{> pager}}{{/pager}}` with a ``PagerView``).
    static let pager = """
        <nav class="pager">{{#previous}}<a href="{{previous}}" rel="prev">← Previous</a>{{/previous}}
        <span>Page {{page}} of {{pages}} · {{total}} in all</span>
        {{#next}}<a href="{{next}}" rel="next">Next →</a>{{/next}}</nav>
        """

    static let login = """
        <form method="post" action="/ui/login" class="card narrow">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>Master key or your own key <input type="password" name="key" id="key" autocomplete="off" required autofocus></label>
        <button type="submit" id="login">Log in</button>
        <p class="hint">The key is checked by the gateway's auth plugins and kept on the server for this session only.</p>
        {{#sso}}<p><a href="/ui/sso/login" id="sso-login">Sign in with single sign-on</a></p>{{/sso}}
        </form>
        """
}

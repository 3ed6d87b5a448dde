extension Templates {
    static let playground = """
        <h2>Playground</h2>
        <form method="post" action="/ui/models/playground" class="card" id="playground"><input type="hidden" name="csrf" value="{{csrf}}"><div class="fields">
        <label>Model <select name="model">{{#choices}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/choices}}</select></label>
        <label>API key (empty: the key you logged in with) <input name="api_key" type="password" autocomplete="off"></label></div>
        <label>Prompt <textarea name="prompt" rows="3" required>{{prompt}}</textarea></label>
        <button type="submit">Send</button></form>
        {{#answer}}<h2>Answer</h2><pre id="answer">{{answer}}</pre><p class="muted">{{usage}}</p>{{/answer}}
        {{#error}}<p class="error" id="playground-error">{{error}}</p>{{/error}}
        {{#hasTrace}}<h2>Decision trace</h2>
        <table id="trace"><tr><th>Hook</th><th>Plugin</th><th>Decision</th><th>Reason</th><th class="num">Time</th></tr>
        {{#hooks}}<tr><td>{{point}}</td><td>{{plugin}}</td><td>{{decision}}</td><td>{{reason}}</td><td class="num">{{milliseconds}}</td></tr>{{/hooks}}</table>
        <table><tr><th>Attempt</th><th>Deployment</th><th>Status</th><th class="num">Time</th><th>Error</th></tr>
        {{#attempts}}<tr><td>{{number}}</td><td class="mono">{{deployment}}</td><td>{{status}}</td><td class="num">{{milliseconds}}</td><td>{{error}}</td></tr>{{/attempts}}</table>{{/hasTrace}}
        """
}

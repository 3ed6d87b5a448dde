extension Templates {
    static let models = """
        <p><a href="/ui/models?health=1" id="check-health">Check every deployment's health now</a></p>
        {{#empty}}<p class="muted">No models.</p>{{/empty}}
        {{^empty}}<table id="models"><tr><th>Model</th><th>Upstream</th><th>API base</th><th>API key</th><th>Team</th><th>Source</th>
        {{#checkedHealth}}<th>Health · cooldown</th>{{/checkedHealth}}{{#canAdminister}}<th></th>{{/canAdminister}}</tr>
        {{#rows}}<tr><td>{{name}}<div class="hint mono">{{id}}</div></td><td class="mono">{{upstream}}</td><td class="mono">{{apiBase}}</td>
        <td class="mono">{{apiKey}}</td><td>{{team}}</td><td>{{#runtime}}runtime{{/runtime}}{{^runtime}}config{{/runtime}}</td>
        {{#checkedHealth}}<td>{{#health}}<span class="tag{{#healthy}} ok{{/healthy}}{{^healthy}} bad{{/healthy}}">{{health}}</span>{{/health}}
        {{#coolingDown}}<span class="tag bad">cooling down</span>{{/coolingDown}}<div class="hint">{{healthError}}</div></td>{{/checkedHealth}}
        {{#canAdminister}}<td>{{#runtime}}<details><summary>Change</summary>
        <form method="post" action="/ui/models/action"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}">
        <label>API base <input name="api_base" value="{{apiBase}}"></label><label>New API key (empty: keep) <input name="api_key" type="password" autocomplete="off"></label>
        <button name="action" value="update">Save</button></form>
        <form method="post" action="/ui/models/action" data-confirm="Delete this model?"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="id" value="{{id}}"><button name="action" value="delete" class="danger">Delete</button></form></details>{{/runtime}}</td>{{/canAdminister}}
        </tr>{{/rows}}</table>{{/empty}}
        {{#canAdminister}}<h2>Add a model</h2>
        <form method="post" action="/ui/models/action" class="card"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="create">
        <div class="fields"><label>Public name <input name="model_name" required></label>
        <label>Upstream (provider/model) <input name="model" required placeholder="openai/gpt-4o"></label>
        <label>API base <input name="api_base"></label><label>API key <input name="api_key" type="password" autocomplete="off"></label>
        <label>Team id (a team's own model) <input name="team_id"></label></div>
        <button type="submit">Add model</button></form>{{/canAdminister}}
        """
}

extension Templates {
    static let keys = """
        <form method="get" action="/ui/keys" class="filters" role="search">
        <label>Search <input name="q" value="{{q}}" placeholder="alias or sk-… key" id="search"></label>
        <label>Team <select name="team_id"><option value="">any</option>{{#teams}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/teams}}</select></label>
        <label>User <input name="user_id" value="{{userID}}"></label>
        <button type="submit" class="quiet">Filter</button></form>
        {{#empty}}<p class="muted">No keys match.</p>{{/empty}}
        {{^empty}}<table id="keys"><tr><th>Key</th><th>Alias</th><th>Team</th><th>User</th><th>Models</th><th class="num">Spend</th>
        <th class="num">Budget</th><th>Expires</th><th>Status</th>{{#canManage}}<th>Actions</th>{{/canManage}}</tr>
        {{#rows}}<tr data-token="{{token}}"><td class="mono">{{name}}</td><td>{{alias}}</td><td>{{team}}</td><td>{{user}}</td><td>{{models}}</td>
        <td class="num">{{spend}}</td><td class="num">{{budget}}</td><td>{{expires}}</td>
        <td>{{#blocked}}<span class="tag bad">blocked</span>{{/blocked}}{{^blocked}}<span class="tag ok">active</span>{{/blocked}}</td>
        {{#canManage}}<td><a href="/ui/keys/edit?key={{token}}">Edit</a>
        <form method="post" action="/ui/keys/action" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="key" value="{{token}}">
        {{#blocked}}<button name="action" value="unblock" class="quiet">Unblock</button>{{/blocked}}{{^blocked}}<button name="action" value="block" class="quiet">Block</button>{{/blocked}}
        <button name="action" value="regenerate" class="quiet">Regenerate</button></form>
        <form method="post" action="/ui/keys/action" class="inline" data-confirm="Delete this key? Apps using it stop working.">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="key" value="{{token}}">
        <button name="action" value="delete" class="danger">Delete</button></form></td>{{/canManage}}</tr>{{/rows}}</table>{{/empty}}
        {{#pager}}{{> pager}}{{/pager}}
        {{#canManage}}<h2>Create a key</h2>
        <form method="post" action="/ui/keys/new" class="card" id="create-key"><input type="hidden" name="csrf" value="{{csrf}}">
        <div class="fields">
        <label>Alias <input name="key_alias"></label>
        <label>Team <select name="team_id"><option value="">none</option>{{#teams}}<option value="{{id}}">{{label}}</option>{{/teams}}</select></label>
        {{#picksUser}}<label>User id <input name="user_id"></label>{{/picksUser}}
        <label>Models (comma-separated; empty: the team's or all) <input name="models"></label>
        <label>Max budget (USD) <input name="max_budget" inputmode="decimal"></label>
        <label>Soft budget (USD) <input name="soft_budget" inputmode="decimal"></label>
        <label>Budget period (30d, 1h…) <input name="budget_duration"></label>
        <label>Tokens per minute <input name="tpm_limit" inputmode="numeric"></label>
        <label>Requests per minute <input name="rpm_limit" inputmode="numeric"></label>
        <label>Parallel requests <input name="max_parallel_requests" inputmode="numeric"></label>
        <label>Valid for (30d; empty: no expiry) <input name="duration"></label>
        <label>Allowed tools (comma-separated) <input name="allowed_tools"></label>
        <label>Guardrails (comma-separated) <input name="guardrails"></label>
        </div>
        <label>Metadata (JSON object) <textarea name="metadata" rows="2" placeholder='{"env": "prod"}'></textarea></label>
        <button type="submit" id="create-key-button">Create key</button></form>{{/canManage}}
        """

    static let keyCreated = """
        <section class="card">
        <p><strong>Copy this key now.</strong> It is shown only this once: the gateway keeps only its hash.</p>
        <p><code class="secret" id="new-key">{{secret}}</code> <button type="button" data-copy="new-key" class="quiet" id="copy">Copy</button></p>
        <p class="muted">Hash <span class="mono" id="new-token">{{token}}</span>{{#alias}} · alias {{alias}}{{/alias}}{{#team}} · team {{team}}{{/team}}</p>
        <p><a href="/ui/keys">Back to the keys</a></p>
        </section>
        """

    static let keyEdit = """
        <form method="post" action="/ui/keys/edit" class="card"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="key" value="{{token}}">
        <div class="fields">
        <label>Alias <input name="key_alias" value="{{keyAlias}}"></label>
        <label>Team id <input name="team_id" value="{{teamID}}"></label>
        {{#picksUser}}<label>User id <input name="user_id" value="{{userID}}"></label>{{/picksUser}}
        <label>Models <input name="models" value="{{models}}"></label>
        <label>Max budget (USD) <input name="max_budget" value="{{maxBudget}}"></label>
        <label>Soft budget (USD) <input name="soft_budget" value="{{softBudget}}"></label>
        <label>Budget period <input name="budget_duration" value="{{budgetDuration}}"></label>
        <label>Tokens per minute <input name="tpm_limit" value="{{tpmLimit}}"></label>
        <label>Requests per minute <input name="rpm_limit" value="{{rpmLimit}}"></label>
        <label>Parallel requests <input name="max_parallel_requests" value="{{maxParallelRequests}}"></label>
        <label>Allowed tools <input name="allowed_tools" value="{{allowedTools}}"></label>
        <label>Guardrails <input name="guardrails" value="{{guardrails}}"></label>
        </div>
        <label>Metadata (JSON object) <textarea name="metadata" rows="3">{{metadata}}</textarea></label>
        <button type="submit">Save</button> <a href="/ui/keys">Cancel</a></form>
        """
}

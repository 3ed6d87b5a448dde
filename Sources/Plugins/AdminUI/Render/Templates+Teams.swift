extension Templates {
    static let teams = """
        {{#empty}}<p class="muted">No teams.</p>{{/empty}}
        {{^empty}}<table id="teams"><tr><th>Team</th><th>Alias</th><th class="num">Members</th><th>Models</th><th class="num">Spend</th>
        <th class="num">Budget</th><th>Limits</th><th>Status</th></tr>
        {{#rows}}<tr><td><a href="/ui/teams/view?team_id={{id}}">{{id}}</a></td><td>{{alias}}</td><td class="num">{{members}}</td><td>{{models}}</td>
        <td class="num">{{spend}}</td><td class="num">{{budget}}</td><td>{{limits}}</td>
        <td>{{#blocked}}<span class="tag bad">blocked</span>{{/blocked}}{{^blocked}}<span class="tag ok">active</span>{{/blocked}}</td></tr>{{/rows}}</table>{{/empty}}
        {{#canAdminister}}<h2>Create a team</h2>
        <form method="post" action="/ui/teams/new" class="card" id="create-team"><input type="hidden" name="csrf" value="{{csrf}}"><div class="fields">
        <label>Alias <input name="team_alias" id="team-alias" required></label>
        <label>Team id (empty: generated) <input name="team_id"></label>
        <label>Models (comma-separated) <input name="models"></label>
        <label>Max budget (USD) <input name="max_budget" inputmode="decimal"></label>
        <label>Budget period <input name="budget_duration"></label>
        <label>Tokens per minute <input name="tpm_limit" inputmode="numeric"></label>
        <label>Requests per minute <input name="rpm_limit" inputmode="numeric"></label>
        </div><button type="submit" id="create-team-button">Create team</button></form>{{/canAdminister}}
        """

    static let team = """
        <section class="stats"><div class="stat"><span>Spend</span><b>{{spend}}</b><span>budget {{budget}} {{budgetDuration}}</span></div>
        <div class="stat"><span>Limits</span><b>{{limits}}</b></div><div class="stat"><span>Models</span><b>{{models}}</b></div>
        <div class="stat"><span>Status</span><b>{{#blocked}}blocked{{/blocked}}{{^blocked}}active{{/blocked}}</b></div></section>
        <h2>Members</h2>
        <table id="members"><tr><th>User</th><th>Role</th><th class="num">Spend</th>{{#canAdminister}}<th></th>{{/canAdminister}}</tr>
        {{#members}}<tr><td>{{userID}}</td><td>{{role}}</td><td class="num">{{spend}}</td>{{#canAdminister}}<td>
        <form method="post" action="/ui/teams/action" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="team_id" value="{{id}}">
        <input type="hidden" name="user_id" value="{{userID}}"><button name="action" value="remove_member" class="danger">Remove</button></form></td>{{/canAdminister}}</tr>{{/members}}
        </table>
        {{#canAdminister}}<form method="post" action="/ui/teams/action" class="filters card"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="team_id" value="{{id}}"><label>User id <input name="user_id" required></label>
        <label>Role <select name="role"><option>user</option><option>admin</option></select></label>
        <button name="action" value="add_member">Add member</button></form>{{/canAdminister}}
        <h2>Keys</h2>
        <table id="team-keys"><tr><th>Key</th><th class="num">Spend</th><th>Status</th></tr>
        {{#keys}}<tr><td><a href="/ui/keys?q={{token}}">{{name}}</a></td><td class="num">{{spend}}</td>
        <td>{{#blocked}}<span class="tag bad">blocked</span>{{/blocked}}{{^blocked}}<span class="tag ok">active</span>{{/blocked}}</td></tr>{{/keys}}</table>
        {{#canAdminister}}<h2>Change</h2>
        <form method="post" action="/ui/teams/action" class="card"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="team_id" value="{{id}}">
        <div class="fields"><label>Alias <input name="team_alias" value="{{alias}}"></label>
        <label>Max budget (USD) <input name="max_budget" value="{{maxBudgetValue}}"></label><label>Models (comma-separated) <input name="models" value="{{modelsValue}}"></label></div>
        <button name="action" value="update">Save</button>
        {{#blocked}}<button name="action" value="unblock" class="quiet">Unblock team</button>{{/blocked}}{{^blocked}}<button name="action" value="block" class="quiet">Block team</button>{{/blocked}}
        </form>
        <form method="post" action="/ui/teams/action" data-confirm="Delete this team?"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="team_id" value="{{id}}"><button name="action" value="delete" class="danger">Delete team</button></form>{{/canAdminister}}
        """
}

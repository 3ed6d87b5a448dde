extension OpenAPISpec {
    /// The admin UI's pages and forms (the admin-ui plugin, docs/ui.md): HTML, a session cookie and a CSRF token.
    static let adminUI = """
        paths:
          "/ui":
            get:
              tags: [Admin UI]
              summary: "The overview: spend, requests and errors."
              security: [{session: []}]
              responses: &pageResponses
                "200": {$ref: "#/components/responses/Page"}
                "303": {description: "Done, or not logged in: a redirect (to the page, or /ui/login)."}
                "400": {$ref: "#/components/responses/Page"}
                "403": {$ref: "#/components/responses/Page"}
                "404": {$ref: "#/components/responses/Page"}
                "409": {$ref: "#/components/responses/Page"}
                "413": {$ref: "#/components/responses/Error"}
                "429": {$ref: "#/components/responses/Page"}
                "503": {$ref: "#/components/responses/Page"}
          "/ui/keys":
            get:
              tags: [Admin UI]
              summary: "Keys, with a form to create one."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/keys/edit":
            get:
              tags: [Admin UI]
              summary: "One key's edit form (`key`)."
              security: [{session: []}]
              responses: *pageResponses
            post:
              tags: [Admin UI]
              summary: "Save a key."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/teams":
            get:
              tags: [Admin UI]
              summary: "Teams."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/teams/view":
            get:
              tags: [Admin UI]
              summary: "One team (`team_id`): members, keys, spend."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/users":
            get:
              tags: [Admin UI]
              summary: "Users."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/organizations":
            get:
              tags: [Admin UI]
              summary: "Organizations."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/customers":
            get:
              tags: [Admin UI]
              summary: "End users."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/models":
            get:
              tags: [Admin UI]
              summary: "Models, with the playground."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/logs":
            get:
              tags: [Admin UI]
              summary: "Request logs."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/logs/detail":
            get:
              tags: [Admin UI]
              summary: "One request (`request_id`): its decision trace."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/policies":
            get:
              tags: [Admin UI]
              summary: "Guardrail policies."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/audit":
            get:
              tags: [Admin UI]
              summary: "The audit log."
              security: [{session: []}]
              responses: *pageResponses
          "/ui/keys/new":
            post:
              tags: [Admin UI]
              summary: "Create a key."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/keys/action":
            post:
              tags: [Admin UI]
              summary: "Block, unblock, regenerate or delete a key."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/teams/new":
            post:
              tags: [Admin UI]
              summary: "Create a team."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/teams/action":
            post:
              tags: [Admin UI]
              summary: "Change a team or its members."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/directory/action":
            post:
              tags: [Admin UI]
              summary: "Create, change or delete a user, organization or end user."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/models/action":
            post:
              tags: [Admin UI]
              summary: "Add or delete a runtime model."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/models/playground":
            post:
              tags: [Admin UI]
              summary: "Send a chat message to a model."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/policies/action":
            post:
              tags: [Admin UI]
              summary: "Publish, shadow or delete a policy version."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/login":
            get:
              tags: [Admin UI]
              summary: "The login form."
              security: []
              responses: *pageResponses
            post:
              tags: [Admin UI]
              summary: "Log in with the master key or a user's key (`key`); sets the session cookie."
              security: []
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/logout":
            post:
              tags: [Admin UI]
              summary: "Log out (ends the session)."
              security: [{session: []}]
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, additionalProperties: {type: string}, description: "The form's fields, with `csrf` (the session's token)."}
              responses: *pageResponses
          "/ui/static/app.css":
            get:
              tags: [Admin UI]
              summary: "The stylesheet."
              security: []
              responses:
                "200": {description: The asset., content: {text/css: {schema: {type: string}}}}
          "/ui/static/app.js":
            get:
              tags: [Admin UI]
              summary: "The pages' small script (confirmations)."
              security: []
              responses:
                "200": {description: The asset., content: {text/javascript: {schema: {type: string}}}}
        components:
          securitySchemes:
            session: {type: apiKey, in: cookie, name: tollgate_ui_session, description: "The admin UI's session, from POST /ui/login."}
          responses:
            Page:
              description: An HTML page (an error's page says what went wrong).
              content:
                text/html: {schema: {type: string}}
        """
}

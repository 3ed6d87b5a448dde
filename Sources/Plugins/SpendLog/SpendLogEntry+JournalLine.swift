import GatewayCore

extension SpendLogEntry {
    /// The row as one spend journal line: a compact JSON object under the store's column names, then a newline.
    /// JSON escapes every control character, so the only newline is the last byte. Doubles are written in their
    /// shortest exact form, so a replayed row's spend (and the units counted from it) is the one first logged.
    func journalLine() -> [UInt8] {
        func string(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
        let object: JSON = [
            "v": 1, "request_id": .string(requestID), "call_type": .string(callType), "start_time": .double(startTime),
            "end_time": .double(endTime), "key_hash": string(keyHash), "user_id": string(userID), "team_id": string(teamID),
            "end_user": string(endUser), "organization_id": string(organizationID), "project_id": string(projectID),
            "tags": .array(tags.map(JSON.string)), "model": .string(model), "deployment_id": string(deploymentID),
            "provider": string(provider), "prompt_tokens": .int(promptTokens), "completion_tokens": .int(completionTokens),
            "spend": .double(spend), "status": .string(status), "error_code": string(errorCode), "response_id": string(responseID),
        ]
        // The metadata goes in as the text the entry already holds (the store's row writes the same text).
        var line = object.serializedBytes()
        line.removeLast()  // the object's closing brace
        line.append(contentsOf: #","metadata":"#.utf8)
        line.append(contentsOf: metadataText.utf8)
        line.append(contentsOf: "}\n".utf8)
        return line
    }

    /// The row a ``journalLine()`` holds.
    /// - Throws: ``SpendJournalError`` when the line is not JSON or lacks a required field (a line torn or damaged).
    init(journalLine bytes: [UInt8]) throws(SpendJournalError) {
        guard let object = try? JSONParser.parse(bytes), object["v"]?.intValue == 1,
            let requestID = object["request_id"]?.stringValue, !requestID.isEmpty,
            let callType = object["call_type"]?.stringValue, let startTime = object["start_time"]?.doubleValue,
            let endTime = object["end_time"]?.doubleValue, let model = object["model"]?.stringValue,
            let spend = object["spend"]?.doubleValue, let status = object["status"]?.stringValue
        else { throw SpendJournalError("not a spend journal row") }
        self.init(
            requestID: requestID, callType: callType, startTime: startTime, endTime: endTime, keyHash: object["key_hash"]?.stringValue,
            userID: object["user_id"]?.stringValue, teamID: object["team_id"]?.stringValue, endUser: object["end_user"]?.stringValue,
            organizationID: object["organization_id"]?.stringValue, projectID: object["project_id"]?.stringValue,
            tags: object["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [], model: model,
            deploymentID: object["deployment_id"]?.stringValue, provider: object["provider"]?.stringValue,
            promptTokens: object["prompt_tokens"]?.intValue ?? 0, completionTokens: object["completion_tokens"]?.intValue ?? 0,
            spend: spend, status: status, errorCode: object["error_code"]?.stringValue, metadata: object["metadata"] ?? .object([:]),
            // Absent from lines journaled before response ids were kept.
            responseID: object["response_id"]?.stringValue)
    }
}

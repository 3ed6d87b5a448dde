import GatewayCore

extension SpendLogEntry {
    /// The row as one spend journal line: a compact JSON object under the store's column names, then a newline.
    /// JSON escapes every control character, so the only newline is the last byte. Doubles are written in their
    /// shortest exact form, so a replayed row's spend (and the units counted from it) is the one first logged.
    func journalLine() -> [UInt8] {
        var line = JSONObjectWriter(reservingCapacity: metadataText.utf8.count + 640)
        line.write("v", 1)
        line.write("request_id", requestID)
        line.write("call_type", callType)
        line.write("start_time", startTime)
        line.write("end_time", endTime)
        line.write("key_hash", keyHash)
        line.write("user_id", userID)
        line.write("team_id", teamID)
        line.write("end_user", endUser)
        line.write("organization_id", organizationID)
        line.write("project_id", projectID)
        line.write("tags", JSON.array(tags.map(JSON.string)))
        line.write("model", model)
        line.write("deployment_id", deploymentID)
        line.write("provider", provider)
        line.write("prompt_tokens", promptTokens)
        line.write("completion_tokens", completionTokens)
        line.write("spend", spend)
        line.write("status", status)
        line.write("error_code", errorCode)
        line.write("response_id", responseID)
        // The metadata goes in as the text the entry already holds (the store's row writes the same text).
        line.write("metadata", jsonText: metadataText.utf8)
        var bytes = line.finish()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
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

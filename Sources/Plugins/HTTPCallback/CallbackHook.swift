import GatewayCore

/// The logging hook: turns each finished request into its record (``RequestLogEvent/record``) and queues it.
/// Never waits for the receiver.
struct CallbackHook: LoggingHook {
    let queue: CallbackQueue

    func log(_ event: RequestLogEvent) async {
        queue.enqueue(.object(event.record))
    }
}

import GatewayCore
import Logging
import ServiceLifecycle

/// Sends the queued records to the receiver, off the request path, until graceful shutdown.
///
/// Woken when a full batch waits and by a ticker every flush interval, it POSTs batches of at most `batch_size`,
/// oldest first, until the queue is empty. A batch that must be retried (the receiver is down) is retried with
/// exponential backoff and jitter, re-read from the queue each time so that records dropped meanwhile are not
/// sent; later records wait behind it, so order is kept. The first failure and the recovery are logged, once each.
/// On graceful shutdown it keeps sending for at most `shutdown_timeout_seconds`, then logs what is lost.
struct CallbackSender: Service {
    let queue: CallbackQueue
    let poster: CallbackPoster
    let flushInterval: Double
    let backoff: CallbackBackoff
    let shutdownTimeout: Double
    let logger: Logger

    func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { [queue, flushInterval] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(Int64(flushInterval * 1000)))
                    queue.poke()
                }
            }
            await cancelWhenGracefulShutdown {
                var state = DeliveryState()
                for await _ in queue.wakes {
                    await deliverQueued(&state)
                    if Task.isCancelled { return }
                }
            }
            group.cancelAll()
        }
        await drainForShutdown()
    }

    /// Whether the receiver is known to be down, and how many retries of the current batch came before.
    struct DeliveryState {
        var failing = false
        var retries = 0
    }

    /// Sends until the queue is empty; returns early only when cancelled (graceful shutdown).
    func deliverQueued(_ state: inout DeliveryState) async {
        while !Task.isCancelled {
            let batch = queue.peek()
            guard let last = batch.last else { return }
            let result = await poster.post(batch.map(\.record))
            switch result {
            case .delivered:
                let overflowed = queue.acknowledge(through: last.sequence)
                if state.failing {
                    logger.notice(
                        "http-callback receiver is taking records again",
                        metadata: ["dropped_total": "\(queue.droppedTotal)", "dropped_while_down": "\(overflowed)"])
                }
                state = DeliveryState()
            case .rejected(let status):
                queue.acknowledge(through: last.sequence)
                logger.error(
                    "http-callback receiver rejected a batch; its records are dropped",
                    metadata: ["status": "\(status)", "records": "\(batch.count)"])
            case .retry(let reason):
                if !state.failing {
                    logger.warning(
                        "http-callback receiver is unreachable; records wait in the queue and are retried",
                        metadata: ["reason": .string(reason), "queued": "\(queue.count)"])
                }
                state.failing = true
                let delay = backoff.delay(retry: state.retries)
                state.retries += 1
                do { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) } catch { return }
            }
        }
    }

    /// Keeps sending what is queued for at most `shutdownTimeout` seconds (short retries), then reports the rest.
    func drainForShutdown() async {
        let deadline = ContinuousClock.now + .milliseconds(Int64(shutdownTimeout * 1000))
        var retries = 0
        while queue.count > 0, ContinuousClock.now < deadline {
            let batch = queue.peek()
            guard let last = batch.last else { break }
            let remaining = deadline - ContinuousClock.now
            let result = try? await withTimeout(seconds: remaining.inSeconds) {
                await poster.post(batch.map(\.record))
            }
            switch result {
            case .delivered?, .rejected?:
                queue.acknowledge(through: last.sequence)
            case .retry?:
                try? await Task.sleep(for: .milliseconds(Int64(min(backoff.delay(retry: retries), 0.5) * 1000)))
                retries += 1
            case nil:
                break
            }
        }
        let left = queue.count
        if left > 0 {
            logger.error("http-callback could not deliver every record before shutdown; they are lost", metadata: ["records": "\(left)"])
        }
    }
}

/// Exponential backoff with jitter: retry n waits between half and all of `min(max, initial × 2ⁿ)` seconds, so
/// the receiver is probed soon after a blip and rarely during a long outage, and several gateways spread out.
struct CallbackBackoff: Sendable {
    let initial: Double
    let maximum: Double

    func delay(retry: Int, random: Double = Double.random(in: 0...1)) -> Double {
        let ceiling = min(maximum, initial * Double(1 << min(max(retry, 0), 30)))
        return ceiling / 2 + ceiling / 2 * min(max(random, 0), 1)
    }
}

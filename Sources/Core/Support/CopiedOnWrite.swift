/// A value kept behind one reference and copied only when it is changed while shared: the storage of the large value
/// types that travel with every request (``GatewayRequest``, ``Deployment``, ``AccessObjects``).
///
/// Every value held across an `await` lives in the task's frame, and every argument passed to a hook is a copy: a
/// struct of 500 bytes with a dozen references costs its bytes in each frame that holds it and a retain per reference
/// per copy. Behind this wrapper it is one reference: 8 bytes and one retain, whatever its size (bench/README.md,
/// "Request values behind one reference").
@propertyWrapper
struct CopiedOnWrite<Value: Sendable>: Sendable {
    // Unchecked: the box is written only through `wrappedValue`'s modify, after making sure no other value shares it.
    private final class Box: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(wrappedValue: Value) {
        box = Box(wrappedValue)
    }

    var wrappedValue: Value {
        get { box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }
}

extension CopiedOnWrite: Equatable where Value: Equatable {
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.box === rhs.box || lhs.box.value == rhs.box.value
    }
}

extension CopiedOnWrite: Hashable where Value: Hashable {
    func hash(into hasher: inout Hasher) {
        hasher.combine(box.value)
    }
}

import Foundation

/// OpenAI's `encoding_format: base64` for an embedding, for providers whose upstream answers floats.
public enum EmbeddingEncoding {
    /// `vector` as OpenAI carries it under `encoding_format: base64`: each value a little-endian IEEE float32, the
    /// bytes base64-encoded (what the openai SDK decodes, and asks for by default).
    public static func base64(_ vector: [Double]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = Float(value).bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }
}

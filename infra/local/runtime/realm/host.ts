/**
 * What the utils realm may ask of the host. Every function takes and returns primitives only, so no
 * host object ever becomes reachable from resolver code (a host object's constructor chain would
 * lead to the host's Function and out of the sandbox).
 */
export interface RealmHost {
  /** The engine's clock, in epoch milliseconds. */
  nowMs(): number;
  /** `count` cryptographically random bytes, as lowercase hexadecimal (2 × count characters). */
  randomHex(count: number): string;
}

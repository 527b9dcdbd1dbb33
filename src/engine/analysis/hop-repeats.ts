/**
 * The same packet captured on several interfaces (a pcapng with one
 * interface per link, or a capture on both sides of a router) is one packet
 * to the analysis: forwarding changes the TTL and the IP checksum, never the
 * addresses, the IP identification or the TCP segment, so those name it.
 * A repeat on the same interface is a real retransmission and is analysed.
 * Memory is bounded: the newest `capacity` packets are remembered.
 */
export class HopRepeats {
  private readonly seen = new Map<string, number>();
  repeats = 0;

  constructor(private readonly capacity = 1 << 16) {}

  /** True when `key` was last seen on another interface: a later hop of a packet already analysed. */
  isRepeat(interfaceId: number, key: string): boolean {
    const last = this.seen.get(key);
    if (last !== undefined && last !== interfaceId) {
      this.repeats++;
      return true;
    }
    if (last === undefined) {
      if (this.seen.size >= this.capacity) this.seen.delete(this.seen.keys().next().value!);
      this.seen.set(key, interfaceId);
    }
    return false;
  }
}

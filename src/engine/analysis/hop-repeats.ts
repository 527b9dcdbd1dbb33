/**
 * The same packet captured on several interfaces (a pcapng with one
 * interface per link, or a capture on both sides of a router) is one packet
 * to the analysis: forwarding changes the TTL and the IP checksum, never the
 * addresses, the IP identification or the TCP segment, so those name it.
 * A repeat on the same interface is a real retransmission and is analysed.
 * Memory is bounded: the newest `capacity` packets are remembered (a ring
 * of their keys says which to forget, in O(1)).
 */
export class HopRepeats {
  private readonly seen = new Map<string, number>();
  private readonly ring: string[] = [];
  private next = 0;
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
      if (this.ring.length < this.capacity) this.ring.push(key);
      else {
        this.seen.delete(this.ring[this.next]!);
        this.ring[this.next] = key;
        this.next = (this.next + 1) % this.capacity;
      }
      this.seen.set(key, interfaceId);
    }
    return false;
  }
}

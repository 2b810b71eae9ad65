/* CRC-32 (IEEE 802.3 / zlib): polynomial 0xEDB88320 reflected, init 0xFFFFFFFF, final XOR
 * 0xFFFFFFFF. Check value: fw_crc32("123456789", 9) = 0xCBF43926. Portable C, no AVR headers. */
#ifndef FW_CRC32_H
#define FW_CRC32_H

#include <stdint.h>
#include <stddef.h>

/* Running form: state = fw_crc32_begin(); state = fw_crc32_update(state, p, n) ...;
 * crc = fw_crc32_end(state). */
static inline uint32_t fw_crc32_begin(void) { return 0xFFFFFFFFUL; }
uint32_t fw_crc32_update(uint32_t state, const uint8_t *bytes, size_t n);
static inline uint32_t fw_crc32_end(uint32_t state) { return state ^ 0xFFFFFFFFUL; }

/* The CRC of n bytes in one call. */
uint32_t fw_crc32(const uint8_t *bytes, size_t n);

#endif

/* What the portable core needs from a hardware layer (hal_avr.c, hal_native.c, test/hal_test.c). */
#ifndef FW_HAL_H
#define FW_HAL_H

#include <stdint.h>

/* Sends n bytes to the host, in order. hal_avr.c waits for room in its transmit ring (the UART always
 * drains it); hal_native.c buffers and drops whole frames only if nobody reads the port for long. */
void hal_tx(const uint8_t *bytes, uint16_t n);
/* The next byte received from the host, or −1 when none is waiting. */
int16_t hal_rx(void);
/* Masks the sampling interrupt (returns the previous state) / restores it. */
uint8_t hal_irq_save(void);
void hal_irq_restore(uint8_t state);

#endif

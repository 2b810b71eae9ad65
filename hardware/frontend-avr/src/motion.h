/* The tuning actuator's move state machine, stepped once per sample by the sampling interrupt.
 * Portable C.
 *
 * A move runs inside the sample clock: after sample k is stored (the counter now reads k + 1) the
 * interrupt calls fw_motion_tick(), which issues at most one step, one every `divider` samples (so at
 * most rate / divider steps per second, no ramp). The step is on the pins before sample k + 1 is
 * taken, so when the last step is issued the counter value is exactly the index of the first sample
 * taken at the new position: that is the ACK's effective sample index.
 *
 * Home/limit switch (active low, at the min end): a closed switch while the next step would go toward
 * min stops the move without that step; the move ends as a fault (the main loop answers
 * NAK(id, ACTUATOR_FAULT)) and the step counter keeps the position it had counted. Steps toward max
 * are allowed with the switch closed (that is how the actuator leaves the switch). */
#ifndef FW_MOTION_H
#define FW_MOTION_H

#include <stdbool.h>
#include <stdint.h>

enum { FW_MOVE_NONE = 0, FW_MOVE_REACHED = 1, FW_MOVE_FAULT = 2 };

typedef struct {
    int32_t position;        /* steps counted */
    int32_t target;
    uint16_t id;             /* command id of the move under way */
    uint8_t active;
    uint8_t divider;         /* samples per step */
    uint8_t countdown;       /* samples until the next step */
    /* Completion, handed to the main loop (which clears done). */
    volatile uint8_t done;   /* FW_MOVE_NONE, FW_MOVE_REACHED or FW_MOVE_FAULT */
    uint16_t done_id;
    int32_t done_position;
    uint32_t done_index;     /* the sample counter when the move ended */
} fw_motion_t;

void fw_motion_init(fw_motion_t *m, int32_t position, uint8_t divider);
/* Starts (or retargets) a move toward target under id; the first step comes at the next tick.
 * Call with the sampling interrupt masked. */
void fw_motion_start(fw_motion_t *m, uint16_t id, int32_t target);
/* One sample period: returns +1 or −1 for the step to issue now (position already updated), else 0.
 * counter is the device's sample counter after the sample just stored. */
int8_t fw_motion_tick(fw_motion_t *m, bool switch_closed, uint32_t counter);

#endif

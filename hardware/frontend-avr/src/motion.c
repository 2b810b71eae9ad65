#include "motion.h"

void fw_motion_init(fw_motion_t *m, int32_t position, uint8_t divider) {
    m->position = position;
    m->target = position;
    m->id = 0;
    m->active = 0;
    m->divider = divider;
    m->countdown = 0;
    m->done = FW_MOVE_NONE;
    m->done_id = 0;
    m->done_position = position;
    m->done_index = 0;
}

void fw_motion_start(fw_motion_t *m, uint16_t id, int32_t target) {
    if (!m->active) {
        m->countdown = 1;
    }
    m->id = id;
    m->target = target;
    m->active = 1;
}

static void finish(fw_motion_t *m, uint8_t how, uint32_t counter) {
    m->active = 0;
    m->done_id = m->id;
    m->done_position = m->position;
    m->done_index = counter;
    m->done = how;
}

int8_t fw_motion_tick(fw_motion_t *m, bool switch_closed, uint32_t counter) {
    if (!m->active) {
        return 0;
    }
    if (--m->countdown != 0) {
        return 0;
    }
    m->countdown = m->divider;
    if (m->position == m->target) {
        finish(m, FW_MOVE_REACHED, counter); /* retargeted onto the position it already had */
        return 0;
    }
    int8_t dir = m->target > m->position ? 1 : -1;
    if (dir < 0 && switch_closed) {
        finish(m, FW_MOVE_FAULT, counter);
        return 0;
    }
    m->position += dir;
    if (m->position == m->target) {
        finish(m, FW_MOVE_REACHED, counter);
    }
    return dir;
}

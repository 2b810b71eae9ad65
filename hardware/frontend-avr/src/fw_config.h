/* Build-time settings of the front-end firmware; the Makefile passes its variables as -D options. */
#ifndef FW_CONFIG_H
#define FW_CONFIG_H

#ifndef FW_SAMPLE_RATE_HZ
#define FW_SAMPLE_RATE_HZ 20000UL   /* Timer1 compare rate; F_CPU / rate must be whole */
#endif
#ifndef FW_FULL_SCALE_UV
#define FW_FULL_SCALE_UV 3300000UL  /* load-voltage span from code 0 to code 1023 (µV), in INFO */
#endif
#ifndef FW_MIN_POSITION
#define FW_MIN_POSITION 0L
#endif
#ifndef FW_MAX_POSITION
#define FW_MAX_POSITION 10000L
#endif
#ifndef FW_INITIAL_POSITION
#define FW_INITIAL_POSITION 2000L   /* the position the step counter holds at power-up */
#endif
#ifndef FW_STEP_DIVIDER
#define FW_STEP_DIVIDER 2u          /* samples per step: at most rate / divider steps per second */
#endif
#ifndef FW_SAMPLES_PER_FRAME
#define FW_SAMPLES_PER_FRAME 64u    /* even, 2 .. 1024 */
#endif
#ifndef FW_RING_BLOCKS
#define FW_RING_BLOCKS 6u           /* ring slots; FW_RING_BLOCKS − 1 frames can wait */
#endif

#define FW_VERSION_MAJOR 1u
#define FW_VERSION_MINOR 0u
#define FW_VERSION_PATCH 0u
#define FW_ADC_BITS 10u

#if FW_SAMPLES_PER_FRAME < 2 || FW_SAMPLES_PER_FRAME > 1024 || FW_SAMPLES_PER_FRAME % 2 != 0
#error "FW_SAMPLES_PER_FRAME must be even, 2 .. 1024"
#endif
#if FW_RING_BLOCKS < 2 || FW_RING_BLOCKS > 255
#error "FW_RING_BLOCKS must be 2 .. 255"
#endif
#if FW_STEP_DIVIDER < 1
#error "FW_STEP_DIVIDER must be at least 1"
#endif

#endif

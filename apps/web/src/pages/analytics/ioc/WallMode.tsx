import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The wall screen: one panel at a time, full-screen, the next every `seconds`; a pause, a next
 * and a stop button; Escape leaves (the dialog's own key).
 */
export function WallMode({ opened, title, seconds, count, onClose, children }: { opened: boolean; title: string; seconds: number; count: number; onClose: () => void; children: (index: number) => ReactNode }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (!opened || paused || count < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % count), seconds * 1000);
    return () => clearInterval(timer);
  }, [opened, paused, count, seconds]);

  useEffect(() => {
    if (!opened) return;
    setIndex(0);
    setPaused(false);
    // The browser's full screen where allowed (a wall display); the dialog fills the window anyway.
    document.documentElement.requestFullscreen?.().catch(() => undefined);
    return () => {
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, [opened]);

  return (
    <Modal.Root opened={opened} onClose={onClose} fullScreen>
      <Modal.Overlay />
      {/* Named from its first frame (the title's id is attached only once the title has mounted). */}
      <Modal.Content aria-label={t('ioc.wallTitle', { title })}>
        <Modal.Header>
          <Modal.Title>{t('ioc.wallTitle', { title })}</Modal.Title>
          <Modal.CloseButton aria-label={t('ioc.wallStop')} />
        </Modal.Header>
        <Modal.Body>
          <Group justify="space-between" mb="sm">
            <Text role="status" aria-live="polite">{t('ioc.wallPosition', { index: index + 1, count })}</Text>
            <Group gap="xs">
              <Button variant="light" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>{paused ? t('ioc.wallResume') : t('ioc.wallPause')}</Button>
              <Button variant="light" onClick={() => setIndex((i) => (i + 1) % count)}>{t('ioc.wallNext')}</Button>
              <Button variant="filled" color="gray" onClick={onClose}>{t('ioc.wallStop')}</Button>
            </Group>
          </Group>
          {opened && count > 0 && children(Math.min(index, count - 1))}
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
